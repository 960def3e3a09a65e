package dev.crossbatch.cli.render;

import dev.crossbatch.cli.render.json.BatchJson;
import dev.crossbatch.core.batch.BatchSnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** How an ended batch is shown, by every command that follows one to its end (watch, start --wait, retry --wait, release). */
public final class BatchReport {
  private BatchReport() {}

  /**
   * The table of an ended batch, after a blank line, each row cut to {@code columns} (0: no
   * limit); under --output text its rows alone.
   */
  public static void summary(Output output, BatchSnapshot end, Instant now, Path workDir, int columns) {
    if (output.format() == Output.Format.text) {
      output.table(BatchTable.SUMMARY_HEADERS, BatchTable.summary(end, now, workDir, Cells.MACHINE), 0);
      return;
    }
    PrintWriter out = output.out();
    out.println();
    Table.print(out, BatchTable.SUMMARY_HEADERS, BatchTable.summary(end, now, workDir, Cells.PEOPLE), columns);
    List<String> leftovers = BatchTable.leftovers(end, workDir);
    if (!leftovers.isEmpty()) {
      out.println();
      leftovers.forEach(out::println);
    }
  }

  /** The snapshot as JSON, or the summary for people; why builds failed always goes to stderr. */
  public static void ended(Output output, BatchSnapshot end, Instant now, Path workDir, int columns) {
    if (output.json()) {
      output.json(BatchJson.of(end));
    } else if (output.summaries()) {
      summary(output, end, now, workDir, columns);
    }
    BatchTable.failures(end, workDir).forEach(output.err()::println);
  }
}
