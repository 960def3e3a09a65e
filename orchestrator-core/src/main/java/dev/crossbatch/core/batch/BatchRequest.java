package dev.crossbatch.core.batch;

import dev.crossbatch.core.config.ProjectConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to run: the config, the buildspec to run (the generated one, like CodeBuild's
 * buildspecOverride), the source version (null: HEAD), environment overrides (highest precedence),
 * which identifiers to run (empty: all), and the local backend's settings.
 *
 * @param buildspecName the buildspec's path from the repository's root (the user's file, or the generated one)
 * @param shown how messages show a path from the repository's root: from the folder the user is in
 * @param buildspecs buildspec texts by path; tasks that name one of these paths read it from here
 *     instead of the source, so freshly generated files are used before they are committed
 */
public record BatchRequest(
    ProjectConfig config,
    String buildspec,
    String buildspecName,
    Map<String, String> buildspecs,
    String sourceVersion,
    Map<String, String> environment,
    List<String> only,
    boolean allowDirty,
    int parallelism,
    Duration buildTimeout,
    java.util.function.UnaryOperator<String> shown) {

  /** A request whose messages show paths from the repository's root. */
  public BatchRequest(ProjectConfig config, String buildspec, String buildspecName, Map<String, String> buildspecs, String sourceVersion,
      Map<String, String> environment, List<String> only, boolean allowDirty, int parallelism, Duration buildTimeout) {
    this(config, buildspec, buildspecName, buildspecs, sourceVersion, environment, only, allowDirty, parallelism, buildTimeout, path -> path);
  }
}
