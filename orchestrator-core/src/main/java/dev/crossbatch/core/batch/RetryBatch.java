package dev.crossbatch.core.batch;

import dev.crossbatch.core.error.CrossbatchException;
import java.util.List;

/** The retry use case: runs the failed builds of an ended batch again, in the same batch (CodeBuild's RETRY_FAILED_BUILDS). */
public final class RetryBatch {
  /** @param retried the builds that run again, by label */
  public record Result(BatchSnapshot batch, List<String> retried) {}

  private RetryBatch() {}

  public static Result run(BuildService service, String batchId) {
    if (!(service instanceof RemoteBatches remote)) {
      throw notInPlace(service.describe(batchId));
    }
    BatchSnapshot retried = remote.retry(batchId);
    return new Result(retried, retried.builds().stream().filter(b -> !b.statusValue().isTerminal()).map(BuildRun::label).toList());
  }

  /** A batch on this machine is not retried in place: the message says how to run its failed builds again. */
  private static CrossbatchException notInPlace(BatchSnapshot batch) {
    List<String> failed = batch.builds().stream().filter(b -> b.statusValue().isTerminal() && !b.succeeded()).map(BuildRun::label).toList();
    if (!batch.complete() || failed.isEmpty()) {
      return CrossbatchException.usage("batch " + batch.id() + " is " + batch.status() + ": it has no failed build to retry",
          batch.complete() ? "nothing to do" : "wait for it to end: crossbatch watch " + batch.id());
    }
    StringBuilder again = new StringBuilder("crossbatch start --local");
    failed.forEach(p -> again.append(" --platform ").append(p));
    if (!batch.sourceVersion().isEmpty()) {
      again.append(" --source-version ").append(batch.sourceVersion());
    }
    return CrossbatchException.usage("a local batch is not retried in place (retry re-runs the failed builds of a CodeBuild batch)",
        "run its failed builds again: " + again);
  }
}
