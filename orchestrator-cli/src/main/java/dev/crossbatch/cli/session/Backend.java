package dev.crossbatch.cli.session;

import dev.crossbatch.core.batch.BatchTracker;
import java.time.Duration;

/** Where a batch runs, and how often to look at it there. */
public enum Backend {
  /** On this machine: state is a local file, so a look is cheap. */
  LOCAL(BatchTracker.Polling.fixed(Duration.ofMillis(500)), BatchTracker.Polling.fixed(Duration.ofMillis(500))),
  /**
   * On AWS CodeBuild: one BatchGetBuildBatches per look, backing off from 3 s to 30 s, so a
   * 10-minute batch costs about 25 calls however many builds it has (docs/benchmarks.md).
   */
  CODEBUILD(new BatchTracker.Polling(Duration.ofSeconds(3), Duration.ofSeconds(30), 1.5),
      new BatchTracker.Polling(Duration.ofSeconds(2), Duration.ofSeconds(10), 1.5));

  private final BatchTracker.Polling batches;
  private final BatchTracker.Polling logs;

  Backend(BatchTracker.Polling batches, BatchTracker.Polling logs) {
    this.batches = batches;
    this.logs = logs;
  }

  public BatchTracker.Polling polling() {
    return batches;
  }

  public BatchTracker.Polling logPolling() {
    return logs;
  }
}
