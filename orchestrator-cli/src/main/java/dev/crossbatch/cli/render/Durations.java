package dev.crossbatch.cli.render;

import java.time.Duration;

/** Short human durations: 850ms, 4.1s, 2m05s, 1h02m. */
public final class Durations {
  private Durations() {}

  /** A negative duration (clocks that disagree) reads as 0ms. */
  public static String format(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format("%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /** 1.2 MiB, 845 KiB, 12 B. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format("%.0f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format("%.1f MiB", n / (1024.0 * 1024));
    }
    return String.format("%.2f GiB", n / (1024.0 * 1024 * 1024));
  }
}
