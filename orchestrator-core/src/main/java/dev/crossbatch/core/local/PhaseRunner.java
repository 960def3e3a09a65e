package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BuildPhase;
import dev.crossbatch.core.buildspec.Buildspec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the command phases of one build in its shell session, as CodeBuild does: each command in
 * turn, the first failure failing the phase, {@code finally} always, the runtime versions checked
 * in INSTALL, and {@code on-failure: RETRY[-N][-REGEX]} retries. Says why a phase failed, or null.
 */
final class PhaseRunner {
  private static final Pattern RETRY = Pattern.compile("RETRY(?:-(\\d+))?(?:-(.+))?");

  private final ShellSession session;
  private final BuildLog log;
  private final BooleanSupplier cancelled;
  private final Path valueFile;
  private final Consumer<String> warnings;
  private final RuntimeVersions versions;

  /**
   * @param cancelled whether a stop or the timeout has ended the build
   * @param valueFile where the shell writes a value it evaluates
   * @param warnings a runtime at another version than asked for
   * @param versions the runtimes' versions as the batch's builds found them
   */
  PhaseRunner(ShellSession session, BuildLog log, BooleanSupplier cancelled, Path valueFile, Consumer<String> warnings, RuntimeVersions versions) {
    this.session = session;
    this.log = log;
    this.cancelled = cancelled;
    this.valueFile = valueFile;
    this.warnings = warnings;
    this.versions = versions;
  }

  /** The four command phases, each present even without commands (CodeBuild lists them all). */
  static List<Buildspec.Phase> phases(Buildspec buildspec) {
    List<Buildspec.Phase> all = new ArrayList<>();
    for (String name : List.of("install", "pre_build", "build", "post_build")) {
      all.add(buildspec.phase(name).orElse(new Buildspec.Phase(name, List.of(), List.of(), null, Map.of())));
    }
    return all;
  }

  /** Runs one phase (with its retries); returns why it failed, or null. */
  String run(Buildspec.Phase spec, BuildPhase type) {
    int retries = 0;
    Pattern retryOn = null;
    Matcher retry = RETRY.matcher(spec.onFailure() == null ? "" : spec.onFailure());
    if (retry.matches()) {
      retries = retry.group(1) == null ? 3 : Integer.parseInt(retry.group(1));
      retryOn = retry.group(2) == null ? null : Pattern.compile(retry.group(2));
    }
    for (int attempt = 0; ; attempt++) {
      long from = log.size();
      String failure = attemptPhase(spec, type);
      if (failure == null || cancelled.getAsBoolean() || attempt >= retries) {
        return failure;
      }
      if (retryOn != null && !retryOn.matcher(log.since(from)).find()) {
        return failure;
      }
      log.container("Phase " + type + " failed; retrying (attempt " + (attempt + 2) + " of " + (retries + 1) + ")");
    }
  }

  private String attemptPhase(Buildspec.Phase spec, BuildPhase type) {
    String failure = null;
    if (type == BuildPhase.INSTALL) {
      failure = checkRuntimes(spec.runtimeVersions());
    }
    if (failure == null) {
      failure = runCommands(spec.commands());
    }
    String finallyFailure = runCommands(spec.finallyCommands());
    return failure != null ? failure : finallyFailure;
  }

  private String runCommands(List<String> commands) {
    for (String command : commands) {
      log.container("Running command " + command);
      ShellSession.Outcome outcome = session.run(command);
      if (cancelled.getAsBoolean()) {
        return "stopped";
      }
      if (!outcome.ok()) {
        String reason = outcome.shellEnded() ? "the shell exited with status " + outcome.exitCode() : "exit status " + outcome.exitCode();
        log.container("Command did not exit successfully " + command + " " + reason);
        return "COMMAND_EXECUTION_ERROR: Error while executing command: " + command + ". Reason: " + reason;
      }
    }
    return null;
  }

  private String checkRuntimes(Map<String, String> runtimes) {
    for (Map.Entry<String, String> runtime : runtimes.entrySet()) {
      RuntimeCheck.Tool tool = RuntimeCheck.TOOLS.get(runtime.getKey());
      Optional<String> found = Optional.empty();
      String requested = session.evaluate(runtime.getValue(), valueFile);
      if (tool != null) {
        // the tool the shell finds (command -v and printf are builtins: no process), and Go's
        // GOTOOLCHAIN, which can make the same go another version; its version asked once per batch
        String where = session.capture("command -v " + tool.command() + " && printf '%s' \"${GOTOOLCHAIN-}\"", valueFile);
        String output = where.isBlank() ? "" : versions.of(runtime.getKey() + "\n" + where, () -> session.capture(tool.versionCommand(), valueFile));
        found = output.isBlank() ? Optional.empty() : Optional.of(output);
        found.ifPresent(version -> log.container("Runtime " + runtime.getKey() + " " + requested + ": " + where.lines().findFirst().orElse("")
            + ", " + version.strip().lines().findFirst().orElse("")));
      }
      RuntimeCheck.Verdict verdict = RuntimeCheck.judge(runtime.getKey(), requested, found);
      if (verdict.warning() != null) {
        log.container("Warning: " + verdict.warning());
        warnings.accept(verdict.warning());
      }
      if (verdict.failure() != null) {
        log.container(verdict.failure());
        return "CLIENT_ERROR: " + verdict.failure();
      }
    }
    return null;
  }
}
