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

  /** Runs and requires success, returning the output. */
  public static String ok(Path dir, String... command) {
    Result result = run(dir, command);
    if (result.exit() != 0) {
      fail(String.join(" ", command) + " exited " + result.exit() + ":\n" + result.output());
    }
    return result.output();
  }
}
