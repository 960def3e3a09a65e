package dev.crossbatch.cli.session;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code start --local} without --wait: a background crossbatch runs the batch, as CodeBuild runs
 * it after StartBuildBatch returns. It gets a session of its own (setsid), so Ctrl-C in this
 * terminal does not reach it; its first line of output is the batch id, and everything else it
 * says goes to a log file.
 */
public final class Detached {
  /** The hidden command that runs the batch in the background. */
  public static final String COMMAND = "__run-batch";
  /** The runner's first line: this, then the batch id. */
  public static final String HANDSHAKE = "batch ";
  /** The class whose main starts the runner; named, not referenced, so this package does not depend on the one above it. */
  static final String MAIN = "dev.crossbatch.cli.Main";

  private Detached() {}

  /** Starts the runner with {@code arguments} and returns the batch id it prints. */
  static String start(CliContext context, List<String> arguments, Path log) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid");
    }
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        MAIN, COMMAND));
    command.addAll(arguments);
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(context.workDir().toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectError(log.toFile());
      builder.environment().clear();
      builder.environment().putAll(context.environment());
      Process runner = builder.start();
      try (BufferedReader first = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8))) {
        String line = first.readLine();
        if (line != null && line.startsWith(HANDSHAKE)) {
          return line.substring(HANDSHAKE.length()).trim();
        }
      }
      runner.waitFor(60, TimeUnit.SECONDS);
      String said = Files.readString(log).trim();
      int exit = runner.isAlive() ? ExitCodes.INTERNAL : runner.exitValue();
      throw new CrossbatchException(exit == ExitCodes.USAGE ? ErrorKind.USAGE : ErrorKind.INTERNAL,
          said.isEmpty() ? "the background runner ended without starting a batch (exit " + exit + ")" : said.replaceFirst("^crossbatch: ", ""),
          null);
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.INTERNAL, "cannot start the background runner: " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrossbatchException(ErrorKind.INTERRUPTED, "interrupted while starting the batch", null);
    }
  }
}
