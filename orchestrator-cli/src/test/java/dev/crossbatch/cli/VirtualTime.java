package dev.crossbatch.cli;

import dev.crossbatch.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Time that passes only when a command waits: a clock at a fixed start plus every wait so far, and
 * a sleeper that records the wait and returns at once (honouring interrupts like Thread.sleep).
 */
public final class VirtualTime {
  private final Instant start;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public VirtualTime(Instant start) {
    this.start = start;
  }

  public List<Duration> sleeps() {
    return sleeps;
  }

  public Duration elapsed() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  public Sleeper sleeper() {
    return d -> {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      sleeps.add(d);
    };
  }

  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return start.plus(elapsed());
      }
    };
  }
}
