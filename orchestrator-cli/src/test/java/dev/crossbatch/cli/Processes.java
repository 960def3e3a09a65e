package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs real programs (git, go, bash, the launchers) for the tests that need them. */
public final class Processes {
  public record Result(int exit, String output) {}

  private Processes() {}

  public static Result run(Path dir, Map<String, String> env, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail("timed out: " + command);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return fail(command.get(0) + " is not installed; the README lists what the tests need (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  public static Result run(Path dir, String... command) {
    return run(dir, Map.of(), List.of(command));
  }

  /**
   * {@code command} started with SIGINT, SIGQUIT and SIGTERM at their defaults. A process inherits
   * "ignored" from a parent that was a background job of a non-interactive shell (as a CI step or a
   * script's {@code mvn ... &} may be), and a JVM keeps an ignored SIGINT ignored, rightly: a test
   * that sends one must not depend on how the suite was started.
   */
  public static List<String> withDefaultSignals(List<String> command) {
    List<String> wrapped = new java.util.ArrayList<>(List.of("python3", "-c",
        "import os, signal, sys\nfor s in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM): signal.signal(s, signal.SIG_DFL)\n"
            + "os.execvp(sys.argv[1], sys.argv[1:])"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Runs and requires success, returning the output. */
  public static String ok(Path dir, String... command) {
    Result result = run(dir, command);
    if (result.exit() != 0) {
      fail(String.join(" ", command) + " exited " + result.exit() + ":\n" + result.output());
    }
    return result.output();
  }
}
