package dev.crossbatch.cli.render;

import dev.crossbatch.core.batch.BatchSnapshot;

/** Shows a batch while it runs: a live table on a terminal, timestamped lines in CI logs, or nothing. */
public interface BatchView extends AutoCloseable {
  void update(BatchSnapshot snapshot);

  /** A message for the user while the batch runs (a runtime at another version, a regenerated file). */
  void notice(String message);

  @Override
  void close();

  /** No table and no lines, only the notices, on {@code err}: for --output json, whose stdout is the document. */
  static BatchView noticesOnly(java.io.PrintWriter err) {
    return new BatchView() {
      @Override
      public void update(BatchSnapshot snapshot) {}

      @Override
      public void notice(String message) {
        err.println("note: " + message);
        err.flush();
      }

      @Override
      public void close() {}
    };
  }

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
