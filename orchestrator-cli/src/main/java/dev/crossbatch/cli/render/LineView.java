package dev.crossbatch.cli.render;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.Status;
import dev.crossbatch.core.text.Printable;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * For CI logs and pipes: timestamped lines when a build starts and when it ends (with every phase
 * change too, when verbose), and when the batch ends.
 */
public final class LineView implements BatchView {
  /** Labels up to this long line up; longer ones stick out. */
  static final int MAX_ALIGNED = 32;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PrintWriter out;
  private final Clock clock;
  private final boolean phases;
  private final Map<String, String> seen = new HashMap<>();
  private String batchStatus;

  public LineView(PrintWriter out, Clock clock, boolean phases) {
    this.out = out;
    this.clock = clock;
    this.phases = phases;
  }

  private String now() {
    return TIME.format(clock.instant().atZone(clock.getZone()));
  }

  @Override
  public synchronized void update(BatchSnapshot snapshot) {
    if (batchStatus == null) {
      // the zone once, on the first line: every time below is in it
      out.println(now() + "  " + BatchTable.header(snapshot) + " (" + Plural.of(snapshot.builds().size(), "build")
          + "; times in " + Cells.zoneName(clock.instant().atZone(clock.getZone())) + ")");
    }
    // labels line up, but one long identifier (amplify-cli's run to 116 characters) does not push every line right
    int width = Math.min(MAX_ALIGNED, snapshot.builds().stream().mapToInt(b -> b.label().length()).max().orElse(8));
    for (BuildRun b : snapshot.builds()) {
      String state = phases ? b.status() + " " + b.phase() : b.status();
      String before = seen.put(b.identifier(), state);
      if (state.equals(before) || (before == null && b.statusValue() == Status.PENDING)) {
        continue;
      }
      String what = b.statusValue() == Status.IN_PROGRESS ? (phases ? b.phase() : "started") : b.status();
      String detail = b.statusValue().isTerminal()
          ? b.elapsed(clock.instant()).map(d -> "  " + Durations.format(d)).orElse("") + (b.succeeded() || b.message() == null ? "" : "  " + b.message())
          : "";
      out.println(Printable.escape(now() + "  " + String.format("%-" + width + "s", b.label()) + "  " + what + detail));
    }
    if (snapshot.complete() && !snapshot.status().equals(batchStatus)) {
      out.println(now() + "  batch " + snapshot.status());
    }
    batchStatus = snapshot.status();
    out.flush();
  }

  @Override
  public synchronized void notice(String message) {
    out.println(now() + "  note: " + Printable.escape(message));
    out.flush();
  }

  @Override
  public void close() {
    out.flush();
  }
}
