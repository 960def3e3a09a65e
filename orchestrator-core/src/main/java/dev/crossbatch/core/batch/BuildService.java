package dev.crossbatch.core.batch;

/**
 * Runs batches: on this machine (local) or on AWS CodeBuild. Every method returns the batch in
 * the same status model, so tracking and views do not care which backend runs it.
 */
public interface BuildService {
  /** Starts a batch and returns at once with its first snapshot (its id set). */
  BatchSnapshot start(BatchRequest request);

  /** The batch as it is now. */
  BatchSnapshot describe(String batchId);

  /** Asks every running build of the batch to stop; returns the batch as it is then. */
  BatchSnapshot stop(String batchId);
}
