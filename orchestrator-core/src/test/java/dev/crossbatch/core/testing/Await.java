package dev.crossbatch.core.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a condition another thread or process brings about, and fails the test, saying what it
 * waited for, when it does not come within the timeout. Timeouts are wide (the condition usually
 * holds in milliseconds): they only bound how long a broken test hangs, on a machine as busy as it
 * gets. Tests never sleep to order events; they wait for the event.
 */
public final class Await {
  /** A timeout for things that take milliseconds on an idle machine. */
  public static final Duration LONG = Duration.ofSeconds(60);

  private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

  private Await() {}

  /** Returns once {@code condition} holds; an exception it throws counts as "not yet". */
  public static void until(String what, Duration timeout, Callable<Boolean> condition) {
    value(what, timeout, () -> Boolean.TRUE.equals(condition.call()) ? Optional.of(true) : Optional.empty());
  }

  public static void until(String what, Callable<Boolean> condition) {
    until(what, LONG, condition);
  }

  /** The first value {@code probe} gives. */
  public static <T> T value(String what, Duration timeout, Callable<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        Optional<T> value = probe.call();
        if (value.isPresent()) {
          return value.get();
        }
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline >= 0) {
        AssertionError failure = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
        if (last != null) {
          failure.initCause(last);
        }
        throw failure;
      }
      LockSupport.parkNanos(POLL_NANOS);
      if (Thread.interrupted()) {
        throw new AssertionError("interrupted while waiting for: " + what);
      }
    }
  }
}
