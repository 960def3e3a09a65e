package dev.crossbatch.cli.render;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a table's values are written: for people ({@code --output table}: 4.1s, 845 KiB,
 * 2026-11-30 11:17 UTC) or for cut and awk ({@code --output text}: seconds, bytes, ISO-8601 UTC).
 */
public enum Cells {
  PEOPLE,
  MACHINE;

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("z", Locale.ROOT);

  public static Cells of(Output.Format format) {
    return format == Output.Format.text ? MACHINE : PEOPLE;
  }

  /** For people: to the minute, in the zone, which is named; for machines: the instant. */
  public String time(Instant time, ZoneId zone) {
    if (this == MACHINE) {
      return time.toString();
    }
    ZonedDateTime at = time.atZone(zone);
    return MINUTES.format(at) + " " + zoneName(at);
  }

  public String duration(Duration d) {
    return this == MACHINE ? String.format(Locale.ROOT, "%.3f", Math.max(0, d.toMillis()) / 1000.0) : Durations.format(d);
  }

  public String bytes(long n) {
    return this == MACHINE ? Long.toString(n) : Durations.bytes(n);
  }

  /** A SHA-256 in full for machines, its first 12 digits for people. */
  public String sha256(String hex) {
    return this == MACHINE ? hex : hex.substring(0, Math.min(12, hex.length()));
  }

  public String yes(boolean yes) {
    return this == MACHINE ? Boolean.toString(yes) : yes ? "yes" : "";
  }

  /** The zone as `date` names it (UTC, CET, JST), or a fixed offset (+05:30). */
  public static String zoneName(ZonedDateTime at) {
    if (at.getZone() instanceof ZoneOffset offset) {
      return offset.getTotalSeconds() == 0 ? "UTC" : offset.getId();
    }
    return ZONE.format(at);
  }
}
