package dev.crossbatch.core.batch;

import java.util.List;

/** The batches use case: the project's most recent batches on a backend, newest first. */
public final class ListBatches {
  /** The most a listing shows: CodeBuild's ListBuildBatchesForProject pages hold 100. */
  public static final int MAX = 100;

  private ListBatches() {}

  public static List<BatchSnapshot> run(BuildService service, int limit) {
    if (limit < 1 || limit > MAX) {
      throw new IllegalArgumentException("limit " + limit + " outside 1.." + MAX);
    }
    return service.recent(limit);
  }
}
