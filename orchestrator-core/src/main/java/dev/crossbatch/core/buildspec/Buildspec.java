package dev.crossbatch.core.buildspec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated buildspec v0.2, as the local backend executes it. Optional parts are empty or null.
 *
 * @param remoteVariables variables CodeBuild reads from Parameter Store or Secrets Manager, with
 *     where from ({@code parameter-store /prod/db/password}): a local build cannot read them
 */
public record Buildspec(
    String shell,
    Map<String, String> variables,
    List<Phase> phases,
    Artifacts artifacts,
    Batch batch,
    Map<String, String> remoteVariables) {

  /** One of install, pre_build, build, post_build, in that order in {@link #phases}. */
  public record Phase(
      String name,
      List<String> commands,
      List<String> finallyCommands,
      String onFailure,
      Map<String, String> runtimeVersions) {}

  /** The {@code artifacts} section; {@code name} is the shell expression, null when absent. */
  public record Artifacts(
      List<String> files,
      String name,
      boolean discardPaths,
      String baseDirectory,
      List<String> excludePaths) {}

  /** One build of a batch as the buildspec declares it (build-list and build-graph entries). */
  public record Task(
      String identifier,
      String buildspec,
      List<String> dependsOn,
      boolean ignoreFailure,
      Map<String, String> variables) {}

  /** The {@code build-matrix} dynamic axes, in the order they are written. */
  public record Matrix(boolean ignoreFailure, List<String> buildspecs, Map<String, List<String>> variables) {}

  /** A batch section: one of CodeBuild's four batch kinds, each with what only it has. */
  public sealed interface Batch permits Batch.BuildList, Batch.Graph, Batch.BuildMatrix, Batch.Fanout {
    /** Whether the batch ends at the first failed build (batch.fast-fail). */
    boolean fastFail();

    /** {@code build-list}: independent builds. */
    record BuildList(boolean fastFail, List<Task> tasks) implements Batch {}

    /** {@code build-graph}: builds that depend on others. */
    record Graph(boolean fastFail, List<Task> tasks) implements Batch {}

    /** {@code build-matrix}: the product of its dynamic axes. */
    record BuildMatrix(boolean fastFail, Matrix matrix) implements Batch {}

    /** {@code build-fanout}: {@code parallelism} copies of the one build. */
    record Fanout(boolean fastFail, int parallelism, boolean ignoreFailure) implements Batch {}
  }

  public Optional<Phase> phase(String name) {
    return phases.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
