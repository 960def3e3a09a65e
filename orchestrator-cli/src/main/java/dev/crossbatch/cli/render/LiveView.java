package dev.crossbatch.cli.render;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.Status;
import dev.crossbatch.core.text.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * On a terminal: one row per platform (status, phase, elapsed), redrawn in place every second and
 * on change. Every row is cut to the terminal's width, so that moving up by the rows drawn lands
 * where the table starts. Closing draws the last state once; after that the view never draws
 * again, so what the command prints next (the summary) stays on screen.
 */
public final class LiveView implements BatchView {
  private static final String UP = "\u001b[%dA";
  private static final String CLEAR = "\u001b[2K\r";

  private final PrintWriter out;
  private final Clock clock;
  private final boolean color;
  private final Path workDir;
  private final IntSupplier columns;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "live-view");
    t.setDaemon(true);
    return t;
  });
  private BatchSnapshot last;
  private int drawn;
  private boolean closed;

  /** @param columns the terminal's width now ({@link TerminalSize}) */
  public LiveView(PrintWriter out, Clock clock, boolean color, Path workDir, IntSupplier columns) {
    this.out = out;
    this.clock = clock;
    this.color = color;
    this.workDir = workDir;
    this.columns = columns;
    ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public synchronized void update(BatchSnapshot snapshot) {
    last = snapshot;
    redraw();
  }

  @Override
  public synchronized void notice(String message) {
    if (closed) {
      out.println("note: " + Printable.escape(message));
      out.flush();
      return;
    }
    erase();
    out.println("note: " + Printable.escape(message));
    out.flush();
    drawn = 0;
    redraw();
  }

  private synchronized void erase() {
    if (drawn > 0) {
      out.print(String.format(UP, drawn));
      for (int i = 0; i < drawn; i++) {
        out.print(CLEAR + "\n");
      }
      out.print(String.format(UP, drawn));
    }
  }

  private synchronized void redraw() {
    if (last == null || closed) {
      return;
    }
    int width = columns.getAsInt();
    List<String> lines = new ArrayList<>();
    lines.add(TerminalSize.fit(BatchTable.header(last), width));
    java.io.StringWriter table = new java.io.StringWriter();
    Table.print(new PrintWriter(table), BatchTable.HEADERS, BatchTable.rows(last, clock.instant(), Cells.PEOPLE));
    table.toString().lines().forEach(l -> lines.add(paint(TerminalSize.fit(l, width))));
    if (drawn > 0) {
      out.print(String.format(UP, drawn));
    }
    for (String line : lines) {
      out.print(CLEAR + line + "\n");
    }
    drawn = lines.size();
    out.flush();
  }

  private String paint(String line) {
    if (!color) {
      return line;
    }
    for (Status s : List.of(Status.SUCCEEDED, Status.FAILED, Status.FAULT, Status.TIMED_OUT, Status.STOPPED, Status.IN_PROGRESS)) {
      String code = switch (s) {
        case SUCCEEDED -> "32";
        case IN_PROGRESS -> "33";
        case STOPPED -> "90";
        default -> "31";
      };
      line = line.replace("  " + s.name() + " ", "  \u001b[" + code + "m" + s.name() + "\u001b[0m ");
    }
    return line;
  }

  /** Draws the last state once more and stops; calling it again does nothing. */
  @Override
  public void close() {
    ticker.shutdownNow();
    synchronized (this) {
      redraw();
      closed = true;
    }
  }
}
