package dev.crossbatch.cli.render;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.source.Commit;
import dev.crossbatch.core.text.Printable;
import dev.crossbatch.core.text.QuotedWords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The batch as a table: one row per build, for status, watch and the release summary. Pure functions. */
public final class BatchTable {
  private BatchTable() {}

  /** {@code batch hello-release:1f2e…  SUCCEEDED  commit 3f9c2e1  version v1.2.0} */
  public static String header(BatchSnapshot s) {
    String commit = s.commit() == null ? "" : "  commit " + Commit.abbreviate(s.commit());
    String version = s.version() == null ? "" : "  version " + s.version() + (s.dirty() ? " (dirty tree)" : "");
    return Printable.escape("batch " + s.id() + "  " + s.status() + commit + version);
  }

  /** PLATFORM, STATUS, PHASE, TIME: a batch while it runs. */
  public static List<List<String>> rows(BatchSnapshot s, Instant now, Cells cells) {
    List<List<String>> rows = new ArrayList<>();
    for (BuildRun b : s.builds()) {
      rows.add(List.of(b.label(), b.status(), b.phase(), b.elapsed(now).map(cells::duration).orElse("")));
    }
    return rows;
  }

  public static final List<String> HEADERS = List.of("PLATFORM", "STATUS", "PHASE", "TIME");

  /** PLATFORM, STATUS, TIME, FILE, SIZE, SHA256: a batch that ended, with its zips. */
  public static List<List<String>> summary(BatchSnapshot s, Instant now, Path workDir, Cells cells) {
    List<List<String>> rows = new ArrayList<>();
    for (BuildRun b : s.builds()) {
      BuildRun.Artifact a = b.artifact();
      rows.add(List.of(b.label(), b.status(), b.elapsed(now).map(cells::duration).orElse(""),
          a == null ? "" : location(workDir, a.location()),
          a == null || a.size() < 0 ? "" : cells.bytes(a.size()),
          a == null || a.sha256() == null ? "" : cells.sha256(a.sha256())));
    }
    return rows;
  }

  public static final List<String> SUMMARY_HEADERS = List.of("PLATFORM", "STATUS", "TIME", "FILE", "SIZE", "SHA256");

  /**
   * A line per report group of each build (its counts and where its files are) and per build that
   * exported variables: what a local run of a buildspec of one's own leaves besides its artifacts.
   */
  public static List<String> leftovers(BatchSnapshot s, Path workDir) {
    List<String> lines = new ArrayList<>();
    for (BuildRun b : s.builds()) {
      for (BuildRun.Report r : b.reports()) {
        lines.add(Printable.escape(b.label() + ": report " + r.group() + " (" + r.format() + "): "
            + (r.summary() == null ? r.files() + (r.files() == 1 ? " file" : " files") : r.summary())
            + (r.location() == null || r.files() == 0 ? "" : ", in " + relative(workDir, Path.of(r.location())))));
      }
      if (!b.exported().isEmpty()) {
        lines.add(Printable.escape(b.label() + ": exported " + String.join(" ", b.exported().entrySet().stream()
            .map(e -> e.getKey() + "=" + QuotedWords.shellWord(e.getValue())).toList())));
      }
    }
    return lines;
  }

  /** Why each build that counts did not succeed, with its log. */
  public static List<String> failures(BatchSnapshot s, Path workDir) {
    List<String> lines = new ArrayList<>();
    for (BuildRun b : s.builds()) {
      if (b.succeeded() || !b.statusValue().isTerminal()) {
        continue;
      }
      String log = b.log() == null ? "" : s.onCodeBuild()
          ? " (log: crossbatch logs " + s.id() + " --platform " + b.label() + ")"
          : " (log: " + relative(workDir, Path.of(b.log())) + ")";
      lines.add(Printable.escape(b.label() + ": " + (b.message() == null ? b.status() : b.message()) + (b.ignoreFailure() ? " [ignore-failure]" : "") + log));
    }
    return lines;
  }

  /** Where a zip is: a path relative to the start folder, or s3://bucket/key for CodeBuild's S3 ARN. */
  static String location(Path workDir, String location) {
    if (location.startsWith("arn:aws:s3:::")) {
      return "s3://" + location.substring("arn:aws:s3:::".length());
    }
    return location.contains("://") ? location : relative(workDir, Path.of(location));
  }

  /** The last line of a release: what was released, from which commit and backend, and where its files are. */
  /** @param earlier zips of the commit from an earlier release of other platforms that SHA256SUMS still lists */
  public static String released(String name, BatchSnapshot batch, int zips, Path sums, Path manifest, int earlier, Path workDir) {
    String sha7 = batch.commit() == null ? "?" : Commit.abbreviate(batch.commit());
    String version = batch.version() == null || batch.version().equals(sha7) ? "" : " " + batch.version();
    String where = batch.onCodeBuild() ? " on CodeBuild" : "";
    boolean allZips = batch.builds().stream().filter(b -> b.artifact() != null).allMatch(b -> b.artifact().location().endsWith(".zip"));
    return "released " + name + version + " from commit " + sha7 + where + ": " + zips + (allZips ? " zip" : " archive") + (zips == 1 ? ", " : "s, ") + relative(workDir, sums)
        + (earlier > 0 ? " (also listing " + earlier + " zip" + (earlier == 1 ? "" : "s") + " of this commit released before)" : "")
        + ", " + relative(workDir, manifest);
  }

  /** A path as seen from where crossbatch was started. */
  public static String relative(Path workDir, Path file) {
    Path abs = file.toAbsolutePath();
    Path base = workDir.toAbsolutePath();
    return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
  }
}
