package dev.crossbatch.core.batch;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows a batch to its end: one describe per tick, the interval growing from {@code first} to
 * {@code max}; every snapshot goes to the listener. Stops at {@code timeout} with an error.
 */
public final class BatchTracker {
  /** How often to poll: start at {@code first}, multiply by {@code factor} after each tick, up to {@code max}. */
  public record Polling(Duration first, Duration max, double factor) {
    public static Polling fixed(Duration interval) {
      return new Polling(interval, interval, 1.0);
    }

    Duration next(Duration current) {
      long grown = (long) (current.toMillis() * factor);
      return Duration.ofMillis(Math.min(grown, max.toMillis()));
    }
  }

  private BatchTracker() {}

  /**
   * @param timeout null for no limit
   * @return the completed batch
   */
  public static BatchSnapshot follow(Supplier<BatchSnapshot> describe, Consumer<BatchSnapshot> listener, Polling polling,
      Sleeper sleeper, Clock clock, Duration timeout) {
    Instant deadline = timeout == null ? null : clock.instant().plus(timeout);
    Duration interval = polling.first();
    while (true) {
      BatchSnapshot snapshot = describe.get();
      listener.accept(snapshot);
      if (snapshot.complete()) {
        return snapshot;
      }
      if (deadline != null && !clock.instant().isBefore(deadline)) {
        throw new CrossbatchException(ErrorKind.BUILD_FAILED, "batch " + snapshot.id() + " is still " + snapshot.status()
            + " after " + timeout.toMinutes() + " minutes (--timeout)", "watch it again with 'crossbatch watch " + snapshot.id() + "'");
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CrossbatchException(ErrorKind.INTERRUPTED, "stopped watching batch " + snapshot.id() + "; it keeps running", null);
      }
      interval = polling.next(interval);
    }
  }
}
