package dev.crossbatch.cli;

import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.cli.session.Prompt;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.cli.session.VersionProvider;
import dev.crossbatch.core.time.Sleeper;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** Entry point. Everything testable lives in {@link #run}, which takes its writers and folder. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Interrupts interrupts = Interrupts.installed();
    boolean terminal = System.console() != null;
    CliContext context = new CliContext(Path.of("").toAbsolutePath(),
        new PrintWriter(System.out, true, StandardCharsets.UTF_8), new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        terminal && colorWanted(args), terminal, System.getenv(), CliContext.systemClock(), Sleeper.real(), interrupts,
        terminal ? Prompt.console() : Prompt.none());
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
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // the one line needs no command model: picocli's reflection over the root would double the
      // command's time (docs/benchmarks.md, issue 16's profile)
      out.println(new VersionProvider().getVersion()[0]);
      out.flush();
      return ExitCodes.OK;
    }
    Session session = CrossbatchCommand.session(context);
    try {
      return CrossbatchCommand.commandLine(session, args).execute(args);
    } catch (Error e) {
      // picocli hands only Exceptions to the error handler: an Error (out of memory, a stack
      // overflow) ends here, said in one line, instead of killing main and leaving the shutdown
      // hook to wait for a command that will never finish
      err.println("crossbatch: internal error: " + describe(e) + "; run again with --verbose and report it");
      if (Arrays.asList(args).contains("--verbose")) {
        e.printStackTrace(err);
      }
      return ExitCodes.INTERNAL;
    } finally {
      session.close();
      out.flush();
      err.flush();
    }
  }

  private static String describe(Error e) {
    String what = e instanceof OutOfMemoryError ? "out of memory (give Java more with CROSSBATCH_OPTS=-Xmx1g)"
        : e instanceof StackOverflowError ? "stack overflow" : e.getClass().getName();
    return e.getMessage() == null || e instanceof StackOverflowError ? what : what + ": " + e.getMessage();
  }
}
