package dev.crossbatch.core.batch;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.time.Sleeper;
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

  /** Failed polls in a row (not throttling) after which following a batch gives up. */
  public static final int MAX_FAILED_POLLS = 5;

  /**
   * @param timeout null for no limit
   * @return the completed batch
   */
  public static BatchSnapshot follow(Supplier<BatchSnapshot> describe, Consumer<BatchSnapshot> listener, Polling polling,
      Sleeper sleeper, Clock clock, Duration timeout) {
    Instant deadline = timeout == null ? null : clock.instant().plus(timeout);
    Duration interval = polling.first();
    BatchSnapshot last = null;
    int failed = 0;
    while (true) {
      try {
        last = describe.get();
        failed = 0;
        listener.accept(last);
        if (last.complete()) {
          return last;
        }
      } catch (TransientFailure e) {
        if (e.throttled()) {
          // throttling slows polling down and never ends it
          interval = Duration.ofMillis(Math.min(polling.max().toMillis(), interval.toMillis() * 2));
        } else if (++failed >= MAX_FAILED_POLLS) {
          throw e;
        }
      }
      if (deadline != null && !clock.instant().isBefore(deadline)) {
        String after = timeout.toSeconds() < 120 ? timeout.toSeconds() + " seconds" : timeout.toMinutes() + " minutes";
        throw new CrossbatchException(ErrorKind.BUILD_FAILED,
            (last == null ? "no answer about the batch" : "batch " + last.id() + " is still " + last.status()) + " after " + after + " (--timeout)",
            last == null ? null : "it keeps running; watch it again with 'crossbatch watch " + last.id() + "'");
      }
      try {
        sleeper.sleep(interval);
        interval = polling.next(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CrossbatchException(ErrorKind.INTERRUPTED, "stopped watching" + (last == null ? "" : " batch " + last.id()) + "; it keeps running", null);
      }
    }
  }
}
