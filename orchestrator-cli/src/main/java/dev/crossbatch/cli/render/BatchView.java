package dev.crossbatch.cli.render;

import dev.crossbatch.core.batch.BatchSnapshot;

/** Shows a batch while it runs: a live table on a terminal, timestamped lines in CI logs, or nothing. */
public interface BatchView extends AutoCloseable {
  void update(BatchSnapshot snapshot);

  /** A message for the user while the batch runs (a runtime at another version, a regenerated file). */
  void notice(String message);

  @Override
  void close();

  static BatchView none() {
    return new BatchView() {
      @Override
      public void update(BatchSnapshot snapshot) {}

      @Override
      public void notice(String message) {}

      @Override
      public void close() {}
    };
  }
}
