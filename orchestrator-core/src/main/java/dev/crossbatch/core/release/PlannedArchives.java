package dev.crossbatch.core.release;

import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.platform.Platform;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a local release will write each platform's archive: what release --dry-run shows. */
public final class PlannedArchives {
  private PlannedArchives() {}

  /** Each platform's archive in the output folder (under codebuild.prefix, as the store keeps it), by build identifier. */
  public static Map<String, Path> of(ProjectConfig config, String commit, String version) {
    Path root = Layout.of(config).outputDir();
    String prefix = config.codebuild().prefix();
    Path store = prefix == null || prefix.isEmpty() ? root : root.resolve(prefix);
    Map<String, Path> archives = new LinkedHashMap<>();
    for (Platform p : config.platforms()) {
      archives.put(p.identifier(), store.resolve(config.artifact().fileName(config.name(), p, commit, version,
          config.archive().format(p).extension(p.os()))));
    }
    return archives;
  }
}
