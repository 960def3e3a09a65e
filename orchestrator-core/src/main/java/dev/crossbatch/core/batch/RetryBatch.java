package dev.crossbatch.core.batch;

import java.util.List;

/** The retry use case: runs the failed builds of an ended batch again, in the same batch. */
public final class RetryBatch {
  /** @param retried the builds that run again, by label */
  public record Result(BatchSnapshot batch, List<String> retried) {}

  private RetryBatch() {}

  public static Result run(BuildService service, String batchId) {
    BatchSnapshot retried = service.retry(batchId);
    return new Result(retried, retried.builds().stream().filter(b -> !b.statusValue().isTerminal()).map(BuildRun::label).toList());
  }
}
