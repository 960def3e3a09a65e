package dev.crossbatch.core.batch;

import dev.crossbatch.core.buildspec.Buildspec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Expands a buildspec's batch section into the builds to run. */
public final class BatchPlan {
  /** The one build of a buildspec without a batch section. */
  public static final String SINGLE_BUILD = "build";

  private BatchPlan() {}

  public static List<PlannedBuild> expand(Buildspec spec) {
    Buildspec.Batch batch = spec.batch();
    if (batch == null) {
      return List.of(new PlannedBuild(SINGLE_BUILD, null, List.of(), false, Map.of()));
    }
    if (batch instanceof Buildspec.Batch.BuildList list) {
      return tasks(list.tasks());
    }
    if (batch instanceof Buildspec.Batch.Graph graph) {
      return tasks(graph.tasks());
    }
    if (batch instanceof Buildspec.Batch.BuildMatrix matrix) {
      return matrix(matrix.matrix());
    }
    Buildspec.Batch.Fanout fanout = (Buildspec.Batch.Fanout) batch;
    return fanout(fanout.parallelism(), fanout.ignoreFailure());
  }

  private static List<PlannedBuild> tasks(List<Buildspec.Task> tasks) {
    return tasks.stream().map(t -> new PlannedBuild(t.identifier(), t.buildspec(), t.dependsOn(), t.ignoreFailure(), t.variables(), t.environment()))
        .toList();
  }

  /**
   * The Cartesian product of the dynamic axes: buildspec, image, compute-type, then the variables in
   * the order written; the static env's image, type, compute-type and fleet apply to every build
   * unless an axis gives its own. CodeBuild does not document the identifiers it gives matrix builds;
   * locally they are the axis values joined with '_' (linux_amd64), made unique when values repeat.
   */
  static List<PlannedBuild> matrix(Buildspec.Matrix matrix) {
    Map<String, List<String>> environmentAxes = new LinkedHashMap<>();
    environmentAxes.put("image", matrix.images());
    environmentAxes.put("compute-type", matrix.computeTypes());
    List<Map<String, String>> axes = product(environmentAxes);
    List<Map<String, String>> combinations = product(matrix.variables());
    List<PlannedBuild> builds = new ArrayList<>();
    Set<String> used = new HashSet<>();
    List<String> buildspecs = matrix.buildspecs().isEmpty() ? java.util.Collections.singletonList(null) : matrix.buildspecs();
    for (String buildspec : buildspecs) {
      for (Map<String, String> asked : axes) {
        for (Map<String, String> variables : combinations) {
          List<String> parts = new ArrayList<>();
          if (buildspec != null) {
            parts.add(buildspec.replaceAll(".*/", "").replaceAll("\\.ya?ml$", ""));
          }
          // an image by its name without the registry path: standard_7_0, not aws_codebuild_standard_7_0
          asked.forEach((key, value) -> parts.add(key.equals("image") ? value.replaceAll(".*/", "") : value));
          parts.addAll(variables.values());
          String base = sanitize(String.join("_", parts));
          String identifier = base;
          for (int n = 2; !used.add(identifier); n++) {
            identifier = base + "_" + n;
          }
          Map<String, String> environment = new LinkedHashMap<>(matrix.environment());
          environment.putAll(asked);
          builds.add(new PlannedBuild(identifier, buildspec, List.of(), matrix.ignoreFailure(), variables, environment));
        }
      }
    }
    return builds;
  }

  /** Every combination of one value per axis, axes in their order; one empty combination without axes. */
  private static List<Map<String, String>> product(Map<String, List<String>> axes) {
    List<Map<String, String>> combinations = new ArrayList<>();
    combinations.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      if (axis.getValue().isEmpty()) {
        continue;
      }
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : combinations) {
        for (String value : axis.getValue()) {
          Map<String, String> extended = new LinkedHashMap<>(partial);
          extended.put(axis.getKey(), value);
          next.add(extended);
        }
      }
      combinations = next;
    }
    return combinations;
  }

  static List<PlannedBuild> fanout(int parallelism, boolean ignoreFailure) {
    List<PlannedBuild> builds = new ArrayList<>();
    for (int i = 1; i <= parallelism; i++) {
      builds.add(new PlannedBuild("fanout_" + i, null, List.of(), ignoreFailure, Map.of()));
    }
    return builds;
  }

  private static String sanitize(String text) {
    String cleaned = text.replaceAll("[^A-Za-z0-9_]", "_");
    cleaned = cleaned.isEmpty() ? "build" : cleaned;
    return cleaned.length() > 120 ? cleaned.substring(0, 120) : cleaned;
  }
}
