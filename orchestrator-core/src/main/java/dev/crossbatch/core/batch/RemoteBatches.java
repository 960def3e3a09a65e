package dev.crossbatch.core.batch;

/** A backend that runs batches elsewhere (AWS CodeBuild): starting returns at once, and failed builds are retried in the same batch. */
public interface RemoteBatches extends BuildService {
  /** Starts a batch and returns at once with its first snapshot (its id set). */
  BatchSnapshot start(BatchRequest request);

  /** Runs the failed builds of an ended, failed batch again, in the same batch. */
  BatchSnapshot retry(String batchId);
}
