package dev.crossbatch.cli.render;

import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.platform.Variant;
import dev.crossbatch.core.source.Commit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The tables of the listing commands (batches, artifacts list, platforms), as rows: pure functions. */
public final class Listings {
  public static final List<String> BATCH_HEADERS = List.of("BATCH", "STATUS", "COMMIT", "VERSION", "STARTED", "DURATION");
  public static final List<String> ZIP_HEADERS = List.of("PLATFORM", "COMMIT", "FILE", "SIZE", "MODIFIED");
  /** With zips whose version is known (named by {version}, or listed by a manifest.json). */
  public static final List<String> VERSIONED_ZIP_HEADERS = List.of("PLATFORM", "COMMIT", "VERSION", "FILE", "SIZE", "MODIFIED");
  public static final List<String> PLATFORM_HEADERS = List.of("PLATFORM", "FIRST-CLASS", "VARIANTS");

  private Listings() {}

  /** batches: one row per batch, times in the clock's zone, the duration so far for a running one. */
  public static List<List<String>> batches(List<BatchSnapshot> recent, Clock clock, Cells cells) {
    Instant now = clock.instant();
    List<List<String>> rows = new ArrayList<>();
    for (BatchSnapshot b : recent) {
      rows.add(List.of(b.id(), b.status(), b.commit() == null || b.commit().length() < Commit.SHORT ? "" : Commit.abbreviate(b.commit()),
          b.version() == null ? "" : b.version(),
          b.start() == null ? "" : cells.time(b.start(), clock.getZone()),
          b.start() == null ? "" : cells.duration(Duration.between(b.start(), b.end() == null ? now : b.end()))));
    }
    return rows;
  }

  /**
   * artifacts list: one row per zip, with a version column when {@link #versioned} (under
   * {@link #VERSIONED_ZIP_HEADERS}); for people the commit of an incomplete release marked
   * {@code 3f9c2e1 (incomplete)}, for machines each row ending in its release's completeness
   * (complete, incomplete, unpublished) as JSON's {@code release}.
   */
  public static List<List<String>> zips(List<ArtifactCatalog.Entry> entries, Clock clock,
      Function<String, ArtifactCatalog.Completeness> releases, Cells cells) {
    boolean versioned = versioned(entries);
    List<List<String>> rows = new ArrayList<>();
    for (ArtifactCatalog.Entry e : entries) {
      ArtifactCatalog.Completeness release = releases.apply(e.commit7());
      boolean marked = cells == Cells.PEOPLE && release == ArtifactCatalog.Completeness.INCOMPLETE;
      List<String> row = new ArrayList<>(List.of(e.platform().toString(), marked ? e.commit7() + " (incomplete)" : e.commit7(),
          e.object().path(), cells.bytes(e.object().size()), cells.time(e.object().modified(), clock.getZone())));
      if (versioned) {
        row.add(2, e.version());
      }
      if (cells == Cells.MACHINE) {
        row.add(release == null ? "" : release.name().toLowerCase(Locale.ROOT));
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
  public static List<List<String>> platforms(List<KnownPlatforms.Entry> entries, Cells cells) {
    List<List<String>> rows = new ArrayList<>();
    for (KnownPlatforms.Entry e : entries) {
      rows.add(List.of(e.platform().toString(), cells.yes(e.firstClass()),
          Variant.forArch(e.platform().arch()).map(v -> v.envName() + ": " + String.join(", ", v.names())).orElse("")));
    }
    return rows;
  }
}
