package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.PlannedBuild;
import java.util.List;

/** A local batch as it was prepared, before any build runs: what a dry run shows. */
public record LocalBatch(
    String id,
    String project,
    String sourceVersion,
    String commit,
    String version,
    boolean dirty,
    BuildRun downloadSource,
    List<PlannedBuild> builds,
    boolean fastFail,
    int parallelism) {}
