package dev.crossbatch.cli.session;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the system's zone, the zone looked up only when a time is shown: finding it
 * reads the time-zone database, 25 ms of a short command's start that most commands never use
 * (docs/benchmarks.md).
 */
final class SystemClock extends Clock {
  private volatile ZoneId zone;

  @Override
  public ZoneId getZone() {
    ZoneId z = zone;
    if (z == null) {
      z = ZoneId.systemDefault();
      zone = z;
    }
    return z;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return Clock.system(other);
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }
}
