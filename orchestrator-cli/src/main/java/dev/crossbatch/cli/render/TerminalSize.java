package dev.crossbatch.cli.render;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The width of the terminal crossbatch writes to, as {@code stty size} reads it from /dev/tty, so
 * that a redrawn row is cut to fit instead of wrapping (a wrapped row breaks the redraw and leaves
 * copies in the scrollback). Asked again at most every two seconds, so a resized window is
 * followed; 80 when it cannot be told.
 */
public final class TerminalSize implements IntSupplier {
  static final int FALLBACK = 80;
  private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(2);

  private int columns;
  private long askedAt;
  private boolean asked;

  @Override
  public synchronized int getAsInt() {
    long now = System.nanoTime();
    if (!asked || now - askedAt > REFRESH_NANOS) {
      asked = true;
      askedAt = now;
      columns = ask();
    }
    return columns;
  }

  private static int ask() {
    File tty = new File("/dev/tty");
    if (!tty.exists()) {
      return FALLBACK;
    }
    try {
      Process stty = new ProcessBuilder("stty", "size").redirectInput(tty).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0) {
        return FALLBACK;
      }
      int columns = Integer.parseInt(out.substring(out.indexOf(' ') + 1));
      return columns > 0 ? columns : FALLBACK;
    } catch (IOException | RuntimeException e) {
      return FALLBACK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FALLBACK;
    }
  }

  /** {@code line} cut to {@code columns - 1} characters (the last column makes some terminals wrap), with an ellipsis; as it is when it fits or the width is unknown (0). */
  public static String fit(String line, int columns) {
    if (columns <= 1 || line.length() < columns) {
      return line;
    }
    return line.substring(0, columns - 2) + "\u2026";
  }
}
