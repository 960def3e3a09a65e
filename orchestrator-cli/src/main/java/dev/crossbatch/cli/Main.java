package dev.crossbatch.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Entry point. Everything testable lives in {@link #run}, which takes its writers and folder. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Path.of("").toAbsolutePath(), new PrintWriter(System.out, true, StandardCharsets.UTF_8), new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
  }

  /** Runs one command line as if started in {@code workDir}; returns the exit code. */
  public static int run(Path workDir, PrintWriter out, PrintWriter err, String... args) {
    try {
      return CrossbatchCommand.commandLine(new CliContext(workDir, out, err)).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
