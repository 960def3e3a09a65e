package dev.crossbatch.core.batch;

import java.util.List;
import java.util.Optional;

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

  /** Runs the failed builds of an ended, failed batch again, in the same batch. */
  BatchSnapshot retry(String batchId);

  /** The project's most recent batches, newest first. */
  List<BatchSnapshot> recent(int max);

  /** The batch started last from here, if any. */
  Optional<String> lastBatch();

  /**
   * The batch with what only a closer look gives (each build's phases, times, zip SHA-256 and
   * log); a backend whose snapshots already carry all of it returns the batch as it is.
   */
  default BatchSnapshot details(BatchSnapshot batch) {
    return batch;
  }

  /**
   * A build's log from {@code cursor} on (null: from the start). The build comes from
   * {@link #details}, which fills in where its log is.
   */
  LogChunk log(BuildRun build, String cursor);
}
