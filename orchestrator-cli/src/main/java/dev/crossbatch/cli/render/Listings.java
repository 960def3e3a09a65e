package dev.crossbatch.cli.render;

import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.platform.Variant;
import dev.crossbatch.core.source.Commit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The tables of the listing commands (batches, artifacts list, platforms), as rows: pure functions. */
public final class Listings {
  public static final List<String> BATCH_HEADERS = List.of("BATCH", "STATUS", "COMMIT", "VERSION", "STARTED", "DURATION");
  public static final List<String> ZIP_HEADERS = List.of("PLATFORM", "COMMIT", "FILE", "SIZE", "MODIFIED");
  /** With zips whose version is known (named by {version}, or listed by a manifest.json). */
  public static final List<String> VERSIONED_ZIP_HEADERS = List.of("PLATFORM", "COMMIT", "VERSION", "FILE", "SIZE", "MODIFIED");
  public static final List<String> PLATFORM_HEADERS = List.of("PLATFORM", "FIRST-CLASS", "VARIANTS");
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private Listings() {}

  /** batches: one row per batch, times in the clock's zone, the duration so far for a running one. */
  public static List<List<String>> batches(List<BatchSnapshot> recent, Clock clock) {
    Instant now = clock.instant();
    List<List<String>> rows = new ArrayList<>();
    for (BatchSnapshot b : recent) {
      rows.add(List.of(b.id(), b.status(), b.commit() == null || b.commit().length() < Commit.SHORT ? "" : Commit.abbreviate(b.commit()),
          b.version() == null ? "" : b.version(),
          b.start() == null ? "" : MINUTES.format(b.start().atZone(clock.getZone())),
          b.start() == null ? "" : Durations.format(Duration.between(b.start(), b.end() == null ? now : b.end()))));
    }
    return rows;
  }

  /**
   * artifacts list: one row per zip, with a version column when {@link #versioned} (under
   * {@link #VERSIONED_ZIP_HEADERS}), the commit of an incomplete release marked {@code 3f9c2e1 (incomplete)}.
   */
  public static List<List<String>> zips(List<ArtifactCatalog.Entry> entries, Clock clock, java.util.function.Predicate<String> incomplete) {
    boolean versioned = versioned(entries);
    List<List<String>> rows = new ArrayList<>();
    for (ArtifactCatalog.Entry e : entries) {
      String commit = incomplete.test(e.commit7()) ? e.commit7() + " (incomplete)" : e.commit7();
      List<String> row = new ArrayList<>(List.of(e.platform().toString(), commit, e.object().path(), Durations.bytes(e.object().size()),
          MINUTES.format(e.object().modified().atZone(clock.getZone()))));
      if (versioned) {
        row.add(2, e.version());
      }
      rows.add(row);
    }
    return rows;
  }

  /** Whether any of the zips has a known version. */
  public static boolean versioned(List<ArtifactCatalog.Entry> entries) {
    return entries.stream().anyMatch(e -> !e.version().isEmpty());
  }

  /** platforms: one row per platform, with its variants. */
  public static List<List<String>> platforms(List<KnownPlatforms.Entry> entries) {
    List<List<String>> rows = new ArrayList<>();
    for (KnownPlatforms.Entry e : entries) {
      rows.add(List.of(e.platform().toString(), e.firstClass() ? "yes" : "",
          Variant.forArch(e.platform().arch()).map(v -> v.envName() + ": " + String.join(", ", v.names())).orElse("")));
    }
    return rows;
  }
}
