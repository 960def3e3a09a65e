package dev.crossbatch.cli;

import dev.crossbatch.core.batch.Sleeper;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/** Entry point. Everything testable lives in {@link #run}, which takes its writers and folder. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Interrupts interrupts = Interrupts.installed();
    boolean terminal = System.console() != null;
    CliContext context = new CliContext(Path.of("").toAbsolutePath(),
        new PrintWriter(System.out, true, StandardCharsets.UTF_8), new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        terminal && colorWanted(args), terminal, System.getenv(), Clock.systemDefaultZone(), Sleeper.real(), interrupts);
    int code = run(context, args);
    interrupts.finished();
    System.exit(interrupts.interrupted() ? ExitCodes.INTERRUPTED : code);
  }

  /** Colors only on a terminal, and never with --no-color or NO_COLOR (https://no-color.org). */
  static boolean colorWanted(String[] args) {
    return System.getenv("NO_COLOR") == null && !Arrays.asList(args).contains("--no-color");
  }

  /** Runs one command line as if started in {@code workDir}, without colors; returns the exit code. */
  public static int run(Path workDir, PrintWriter out, PrintWriter err, String... args) {
    return run(CliContext.plain(workDir, out, err), args);
  }

  public static int run(CliContext context, String... args) {
    PrintWriter out = context.out();
    PrintWriter err = context.err();
    picocli.CommandLine cmd = CrossbatchCommand.commandLine(context, args);
    try {
      return cmd.execute(args);
    } finally {
      ((CrossbatchCommand) cmd.getCommand()).close();
      out.flush();
      err.flush();
    }
  }
}
