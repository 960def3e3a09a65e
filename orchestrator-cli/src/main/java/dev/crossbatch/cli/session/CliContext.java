package dev.crossbatch.cli.session;

import dev.crossbatch.core.time.Sleeper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command needs from the outside world: the folder it was started in, where to print, the
 * environment, the clock and the waiting between polls, whether output is a terminal, Ctrl-C, and
 * whom to ask when a choice is needed.
 * Tests pass their own.
 */
public record CliContext(
    Path workDir,
    PrintWriter out,
    PrintWriter err,
    boolean color,
    boolean terminal,
    Map<String, String> environment,
    Clock clock,
    Sleeper sleeper,
    Interrupts interrupts,
    Prompt prompt) {

  /** A context with nobody to ask (see {@link Prompt#none}). */
  public CliContext(Path workDir, PrintWriter out, PrintWriter err, boolean color, boolean terminal, Map<String, String> environment, Clock clock,
      Sleeper sleeper, Interrupts interrupts) {
    this(workDir, out, err, color, terminal, environment, clock, sleeper, interrupts, Prompt.none());
  }

  /** For tests and embedding: not a terminal, no colors, this process's environment, manual interrupts. */
  public static CliContext plain(Path workDir, PrintWriter out, PrintWriter err) {
    return new CliContext(workDir, out, err, false, false, System.getenv(), Clock.systemUTC(), Sleeper.real(), Interrupts.manual());
  }

  /** The system clock, its zone (the system's) looked up only when a time is shown. */
  public static Clock systemClock() {
    return new SystemClock();
  }

  /** A path as the user typed it, resolved against the start folder. */
  public Path resolve(String path) {
    return workDir.resolve(path).normalize();
  }
}
