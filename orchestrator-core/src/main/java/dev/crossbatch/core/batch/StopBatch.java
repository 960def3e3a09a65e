package dev.crossbatch.core.batch;

import dev.crossbatch.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;

/** The stop use case: asks a batch to stop and, unless told not to, waits until it has. */
public final class StopBatch {
  /** How long to wait for the builds to stop before giving up (exit 1); CodeBuild takes seconds to a minute. */
  public static final Duration STOPPING = Duration.ofMinutes(10);

  /** @param await wait until the batch has ended */
  public record Request(String batchId, boolean await, BatchTracker.Polling polling) {}

  /**
   * @param before the batch as the stop found it
   * @param end the ended batch when waited for; null when not
   */
  public record Result(BatchSnapshot before, BatchSnapshot end) {
    /** The batch had ended before the stop: CodeBuild answers a stop of a stopped batch with the batch STOPPED and complete. */
    public boolean endedBefore() {
      return before.complete() && before.statusValue() != Status.STOPPED;
    }
  }

  private StopBatch() {}

  public static Result run(BuildService service, Request request, Sleeper sleeper, Clock clock) {
    BatchSnapshot before = service.stop(request.batchId());
    if (before.complete() || !request.await()) {
      return new Result(before, before.complete() ? before : null);
    }
    return new Result(before, BatchTracker.follow(() -> service.describe(request.batchId()), s -> {}, request.polling(), sleeper, clock, STOPPING));
  }
}
