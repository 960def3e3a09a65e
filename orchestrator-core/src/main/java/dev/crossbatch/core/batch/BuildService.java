package dev.crossbatch.core.batch;

import java.util.List;
import java.util.Optional;

/**
 * What both backends do with a batch that exists: look at it, stop it, list them, read a build's
 * log. Every method returns the batch in the same status model, so tracking and views do not care
 * which backend runs it. Starting differs (CodeBuild returns at once: {@link RemoteBatches}; this
 * machine runs the batch in the caller: {@code local.LocalBuildService}), and only CodeBuild
 * retries in place.
 */
public interface BuildService {
  /** The batch as it is now. */
  BatchSnapshot describe(String batchId);

  /** Asks every running build of the batch to stop; returns the batch as it is then. */
  BatchSnapshot stop(String batchId);

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
   * Keeps what later commands need of an ended batch, called where a batch is seen to end (watch,
   * status): on CodeBuild the SHA-256 of each zip, which artifacts download holds the zips to.
   */
  default void remember(BatchSnapshot ended) {}

  /**
   * A build's log from {@code cursor} on (null: from the start). The build comes from
   * {@link #details}, which fills in where its log is.
   */
  LogChunk log(BuildRun build, String cursor);
}
