package dev.crossbatch.cli.render;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The documented JSON shape of a batch (docs/output-json.md), for --output json. */
public final class SnapshotJson {
  private SnapshotJson() {}

  public static Map<String, Object> of(BatchSnapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("batch", s.id());
    m.put("backend", s.backend());
    m.put("project", s.project());
    m.put("status", s.status());
    m.put("phase", s.phase());
    m.put("complete", s.complete());
    m.put("sourceVersion", s.sourceVersion());
    m.put("commit", s.commit());
    m.put("version", s.version());
    m.put("dirty", s.dirty());
    m.put("start", s.start() == null ? null : s.start().toString());
    m.put("end", s.end() == null ? null : s.end().toString());
    m.put("message", s.message());
    m.put("downloadSource", s.downloadSource() == null ? null : build(s.downloadSource()));
    m.put("builds", s.builds().stream().map(SnapshotJson::build).toList());
    return m;
  }

  static Map<String, Object> build(BuildRun b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("identifier", b.identifier());
    m.put("platform", b.platform().map(Object::toString).orElse(null));
    m.put("status", b.status());
    m.put("phase", b.phase());
    m.put("buildId", b.buildId());
    m.put("attempt", b.attempt());
    m.put("ignoreFailure", b.ignoreFailure());
    m.put("dependsOn", b.dependsOn() == null ? List.of() : b.dependsOn());
    m.put("start", b.start() == null ? null : b.start().toString());
    m.put("end", b.end() == null ? null : b.end().toString());
    BuildRun.Artifact a = b.artifact();
    m.put("artifact", a == null ? null : artifact(a));
    m.put("message", b.message());
    m.put("log", b.log());
    return m;
  }

  /** Size and SHA-256 are null until known: CodeBuild's batch shape has the location only. */
  private static Map<String, Object> artifact(BuildRun.Artifact a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("location", a.location());
    m.put("size", a.size() < 0 ? null : a.size());
    m.put("sha256", a.sha256());
    return m;
  }
}
