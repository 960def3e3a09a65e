package dev.crossbatch.core.buildspec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated buildspec v0.2, as the local backend executes it. Optional parts are empty or null. */
public record Buildspec(
    String shell,
    Map<String, String> variables,
    List<Phase> phases,
    Artifacts artifacts,
    Batch batch) {

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

  public record Batch(boolean fastFail, String type, List<Task> tasks, Matrix matrix, int fanout, boolean fanoutIgnoreFailure) {}

  public Optional<Phase> phase(String name) {
    return phases.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
