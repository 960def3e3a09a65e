package dev.crossbatch.core.batch;

import dev.crossbatch.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;

/**
 * The watch use case: follows a batch to its end, one look at a time, and returns it ended with
 * the details only an ended batch has (phases, SHA-256s). Each look goes to the listener; the caller
 * shows it, and decides what the end means.
 */
public final class Watch {
  /** @param timeout null for no limit */
  public record Request(String batchId, BatchTracker.Polling polling, Duration timeout) {}

  /** What a watcher sees: every look, and every answer of the backend (for a caller that notices silence). */
  public interface Listener {
    void snapshot(BatchSnapshot snapshot);

    default void answered() {}
  }

  private Watch() {}

  public static BatchSnapshot run(BuildService service, Request request, Listener listener, Sleeper sleeper, Clock clock) {
    BatchSnapshot end = BatchTracker.follow(() -> {
      try {
        return service.describe(request.batchId());
      } finally {
        listener.answered();
      }
    }, listener::snapshot, request.polling(), sleeper, clock, request.timeout());
    return ShowBatch.ended(service, end);
  }
}
