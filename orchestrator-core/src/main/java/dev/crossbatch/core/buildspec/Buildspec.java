package dev.crossbatch.core.buildspec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated buildspec v0.2, as the local backend executes it. Optional parts are empty or null.
 *
 * @param remoteVariables variables CodeBuild reads from Parameter Store or Secrets Manager, with
 *     where from ({@code parameter-store /prod/db/password}): a local build cannot read them
 * @param exportedVariables {@code env.exported-variables}: names whose values the build reports when it ends
 * @param reports the {@code reports} section's groups, in the order written
 * @param cachePaths {@code cache.paths}: what a build keeps for the next one
 */
public record Buildspec(
    String shell,
    Map<String, String> variables,
    List<Phase> phases,
    Artifacts artifacts,
    Batch batch,
    Map<String, String> remoteVariables,
    List<String> exportedVariables,
    List<Report> reports,
    List<String> cachePaths) {

  /** A report group of the {@code reports} section: its files are selected as artifacts are. */
  public record Report(String group, String fileFormat, Artifacts files) {}

  /** One of install, pre_build, build, post_build, in that order in {@link #phases}. */
  public record Phase(
      String name,
      List<String> commands,
      List<String> finallyCommands,
      String onFailure,
      Map<String, String> runtimeVersions) {}

  /**
   * The {@code artifacts} section; {@code name} is the shell expression, null when absent.
   *
   * @param secondary {@code secondary-artifacts} by artifact identifier
   */
  public record Artifacts(
      List<String> files,
      String name,
      boolean discardPaths,
      String baseDirectory,
      List<String> excludePaths,
      Map<String, Artifacts> secondary) {}

  /**
   * One build of a batch as the buildspec declares it (build-list and build-graph entries).
   *
   * @param environment what the task's {@code env} asks of CodeBuild's environment: image, type, compute-type, fleet
   */
  public record Task(
      String identifier,
      String buildspec,
      List<String> dependsOn,
      boolean ignoreFailure,
      Map<String, String> variables,
      Map<String, String> environment) {}

  /**
   * The {@code build-matrix}: its dynamic axes in the order they are written (buildspec, image,
   * compute-type, then the variables), and what {@code static.env} asks of every build's environment.
   */
  public record Matrix(
      boolean ignoreFailure,
      List<String> buildspecs,
      List<String> images,
      List<String> computeTypes,
      Map<String, List<String>> variables,
      Map<String, String> environment) {}

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
