package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BatchSnapshot;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Saves a batch's state off the builds' path: changes arrive dozens of times a second, only the
 * latest matters, so a writer thread saves the newest snapshot whenever it is free. {@link #flush}
 * saves the last one before the batch is reported done.
 */
final class StateWriter implements Consumer<BatchSnapshot>, AutoCloseable {
  private final StateStore store;
  private final AtomicReference<BatchSnapshot> latest = new AtomicReference<>();
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "batch-state");
    t.setDaemon(true);
    return t;
  });

  StateWriter(StateStore store) {
    this.store = store;
  }

  @Override
  public void accept(BatchSnapshot snapshot) {
    if (latest.getAndSet(snapshot) == null) {
      writer.execute(this::drain);
    }
  }

  private void drain() {
    BatchSnapshot next = latest.getAndSet(null);
    if (next != null) {
      store.save(next);
    }
  }

  /** Saves what is pending now, in this thread, after the writer's own last save. */
  void flush(BatchSnapshot last) {
    writer.shutdown();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.save(last);
  }

  @Override
  public void close() {
    writer.shutdownNow();
  }
}
