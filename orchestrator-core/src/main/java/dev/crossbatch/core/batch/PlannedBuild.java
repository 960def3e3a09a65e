package dev.crossbatch.core.batch;

import java.util.List;
import java.util.Map;

/**
 * One build a batch will run, after expanding the buildspec's batch section: its identifier, its
 * own buildspec file (null for the batch's), what it depends on and the variables it adds.
 */
public record PlannedBuild(
    String identifier,
    String buildspec,
    List<String> dependsOn,
    boolean ignoreFailure,
    Map<String, String> variables) {}
