package dev.crossbatch.core.time;

import java.time.Duration;

/** Waiting between polls; tests pass one that does not wait. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  static Sleeper real() {
    return d -> Thread.sleep(d.toMillis());
  }
}
