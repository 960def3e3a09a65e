package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BatchSnapshot;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Saves a batch's state off the builds' path: changes arrive dozens of times a second, only the
 * latest matters, so a writer thread saves the newest snapshot, at most once per {@link #INTERVAL}
 * (a change after a quiet spell is saved at once). Saving every change cost a warm release of six
 * builds 99 saves, each the whole batch in JSON: 15 % of its Java samples (docs/benchmarks.md).
 * This process describes a running batch from memory; others (status, watch) read the file, at
 * most {@link #INTERVAL} behind. {@link #flush} saves the last one before the batch is reported
 * done.
 */
final class StateWriter implements Consumer<BatchSnapshot>, AutoCloseable {
  static final Duration INTERVAL = Duration.ofMillis(100);

  private final Consumer<BatchSnapshot> save;
  private final long interval;
  private final AtomicReference<BatchSnapshot> latest = new AtomicReference<>();
  private final ScheduledThreadPoolExecutor writer;
  /** When the writer last took a snapshot to save ({@link System#nanoTime}). */
  private volatile long lastSave;

  StateWriter(StateStore store) {
    this(store::save, INTERVAL);
  }

  /** @param save writes one snapshot (the store's save), called by one thread at a time */
  StateWriter(Consumer<BatchSnapshot> save, Duration interval) {
    this.save = save;
    this.interval = interval.toNanos();
    this.lastSave = System.nanoTime() - this.interval;
    this.writer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "batch-state");
      t.setDaemon(true);
      return t;
    });
    // flush saves the last snapshot itself: a save still waiting for its turn is not needed then
    writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public void accept(BatchSnapshot snapshot) {
    if (latest.getAndSet(snapshot) == null) {
      long wait = lastSave + interval - System.nanoTime();
      writer.schedule(this::drain, Math.max(0, wait), TimeUnit.NANOSECONDS);
    }
  }

  private void drain() {
    lastSave = System.nanoTime();
    BatchSnapshot next = latest.getAndSet(null);
    if (next != null) {
      save.accept(next);
    }
  }

  /** Saves {@code last} in this thread, after a save the writer has begun; a save still waiting is dropped. */
  void flush(BatchSnapshot last) {
    writer.shutdown();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    save.accept(last);
  }

  @Override
  public void close() {
    writer.shutdownNow();
  }
}
