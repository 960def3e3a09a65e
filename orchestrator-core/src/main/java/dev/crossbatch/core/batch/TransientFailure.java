package dev.crossbatch.core.batch;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;

/**
 * A poll that failed but may work on the next tick: throttling, a service fault, a dropped
 * connection. The tracker slows down instead of giving up (for throttling, never gives up).
 */
public final class TransientFailure extends CrossbatchException {
  private final boolean throttled;

  public TransientFailure(String message, String hint, boolean throttled) {
    super(ErrorKind.AWS, message, hint);
    this.throttled = throttled;
  }

  public boolean throttled() {
    return throttled;
  }
}
