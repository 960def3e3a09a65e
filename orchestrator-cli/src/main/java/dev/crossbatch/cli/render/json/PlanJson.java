package dev.crossbatch.cli.render.json;

import dev.crossbatch.core.generate.Generation;
import java.util.List;
import java.util.Locale;

/** release --dry-run: {@code {"plan": {...}}}, local or on CodeBuild; {@code skipped}: the pairs of a platforms matrix Go does not support. */
public record PlanJson(Object plan) {
  /** The plan of a local release. */
  public record Local(String commit, String version, boolean dirty, int parallelism, List<String> builds, List<String> skipped,
      List<ArchiveJson> archives, String clean, List<FileJson> generated) {}

  /** Where a build's archive will be written. */
  public record ArchiveJson(String build, String file) {}

  /** The plan of a release on CodeBuild. */
  public record CodeBuild(String backend, String project, String sourceVersion, String commit, String version, List<String> builds,
      List<String> skipped, String dest, String publish, List<FileJson> generated) {}

  /** A generated file and what generating did or would do to it (generate, release --dry-run). */
  public record FileJson(String path, String state) {
    public static FileJson of(String path, Generation.State state) {
      return new FileJson(path, state.name().toLowerCase(Locale.ROOT));
    }

    public static List<FileJson> of(List<Generation.FileResult> files) {
      return files.stream().map(f -> of(f.path(), f.state())).toList();
    }
  }
}
