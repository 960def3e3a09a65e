package dev.crossbatch.cli.render.json;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import java.time.Instant;
import java.util.List;

/** A batch, the same for both backends: status, watch, start --wait, retry --wait (docs/output-json.md). */
public record BatchJson(
    String batch,
    String backend,
    String project,
    String status,
    String phase,
    boolean complete,
    String sourceVersion,
    String commit,
    String version,
    boolean dirty,
    String start,
    String end,
    String message,
    BuildJson downloadSource,
    List<BuildJson> builds) {

  public static BatchJson of(BatchSnapshot s) {
    return new BatchJson(s.id(), s.backend(), s.project(), s.status(), s.phase(), s.complete(), s.sourceVersion(), s.commit(), s.version(),
        s.dirty(), time(s.start()), time(s.end()), s.message(), s.downloadSource() == null ? null : BuildJson.of(s.downloadSource()),
        s.builds().stream().map(BuildJson::of).toList());
  }

  /** One build of the batch. */
  public record BuildJson(
      String identifier,
      String platform,
      String status,
      String phase,
      String buildId,
      int attempt,
      boolean ignoreFailure,
      List<String> dependsOn,
      String start,
      String end,
      ZipJson artifact,
      String message,
      String log,
      @OmitWhenNull java.util.Map<String, String> exported,
      @OmitWhenNull List<ReportJson> reports) {
    static BuildJson of(BuildRun b) {
      BuildRun.Artifact a = b.artifact();
      return new BuildJson(b.identifier(), b.platform().map(Object::toString).orElse(null), b.status(), b.phase(), b.buildId(), b.attempt(),
          b.ignoreFailure(), b.dependsOn() == null ? List.of() : b.dependsOn(), time(b.start()), time(b.end()),
          a == null ? null : new ZipJson(a.location(), a.size() < 0 ? null : a.size(), a.sha256()), b.message(), b.log(),
          b.exported().isEmpty() ? null : b.exported(),
          b.reports().isEmpty() ? null : b.reports().stream().map(r -> new ReportJson(r.group(), r.format(), r.files(), r.summary(), r.location())).toList());
    }
  }

  /** A report group a local build collected: its files' count and folder, and what they add up to (null when not read). */
  public record ReportJson(String group, String format, int files, String summary, String location) {}

  /** A build's zip: size and SHA-256 are null until known (CodeBuild's batch shape has the location only). */
  public record ZipJson(String location, Long size, String sha256) {}

  static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
