package dev.crossbatch.core.batch;

import java.util.List;
import java.util.Map;

/**
 * One build a batch will run, after expanding the buildspec's batch section: its identifier, its
 * own buildspec file (null for the batch's), what it depends on and the variables it adds.
 *
 * @param environment what the batch asks of CodeBuild's environment for it (image, type,
 *     compute-type, fleet): a local build runs on this machine whatever it asks
 */
public record PlannedBuild(
    String identifier,
    String buildspec,
    List<String> dependsOn,
    boolean ignoreFailure,
    Map<String, String> variables,
    Map<String, String> environment) {

  public PlannedBuild {
    environment = environment == null ? Map.of() : Map.copyOf(environment);
  }

  /** A build that asks nothing of the environment. */
  public PlannedBuild(String identifier, String buildspec, List<String> dependsOn, boolean ignoreFailure, Map<String, String> variables) {
    this(identifier, buildspec, dependsOn, ignoreFailure, variables, Map.of());
  }
}
