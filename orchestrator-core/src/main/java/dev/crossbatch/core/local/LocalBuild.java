package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BuildPhase;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.PhaseRecord;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.batch.Status;
import dev.crossbatch.core.buildspec.Buildspec;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One build, run the way CodeBuild runs it: the phases in order, every command in one shell
 * session, the first failing command failing its phase, {@code finally} always, {@code on-failure}
 * and the default transitions (an INSTALL or PRE_BUILD failure skips the rest; a BUILD failure
 * still runs POST_BUILD with CODEBUILD_BUILD_SUCCEEDING=0 and UPLOAD_ARTIFACTS), then the zip.
 */
final class LocalBuild {
  /** Puts the source of the build into a folder. */
  interface Source {
    void export(Path dest);

    /** After a build that was not stopped: what of {@code dest} to keep for the next; the rest is deleted. */
    default void keep(Path dest) {}
  }

  record Setup(
      PlannedBuild build,
      String buildId,
      Buildspec buildspec,
      Map<String, String> environment,
      Path workDir, Path logFile,
      Source source,
      ArtifactTarget target,
      Duration timeout,
      LocalCache cache,
      Path reports,
      RuntimeVersions runtimes, String bash) {}

  private final Setup setup;
  private final Clock clock;
  private final Consumer<BuildRun> listener;
  private final Consumer<String> notices;
  private final List<PhaseRecord> phases = new ArrayList<>();
  private Status status = Status.PENDING;
  private String phase = BuildPhase.SUBMITTED.name();
  private Instant start;
  private Instant end;
  private String message;
  private BuildRun.Artifact artifact;
  private Map<String, String> exported = Map.of();
  private List<BuildRun.Report> reports = List.of();
  private volatile ShellSession session;
  private volatile Status cancelled;
  private BuildLog log;

  LocalBuild(Setup setup, Clock clock, Consumer<BuildRun> listener, Consumer<String> notices) {
    this.setup = setup;
    this.clock = clock;
    this.listener = listener;
    this.notices = notices;
  }

  /** Waiting for a free slot: SUBMITTED, then QUEUED, as CodeBuild lists them. */
  synchronized BuildRun queue() {
    Instant now = clock.instant();
    phases.add(new PhaseRecord(BuildPhase.SUBMITTED.name(), Status.SUCCEEDED.name(), now, now, null));
    phases.add(new PhaseRecord(BuildPhase.QUEUED.name(), null, now, null, null));
    phase = BuildPhase.QUEUED.name();
    return snapshot();
  }

  /** Stops the build as CodeBuild's StopBuild does: the running command and its processes are killed. */
  void stop() {
    cancel(Status.STOPPED);
  }

  private void cancel(Status why) {
    synchronized (this) {
      if (cancelled != null || status.isTerminal()) {
        return;
      }
      cancelled = why;
    }
    ShellSession current = session;
    if (current != null) {
      current.kill();
    }
  }

  /** Runs the build to its end; returns its final state. */
  BuildRun run() {
    synchronized (this) {
      start = clock.instant();
      status = Status.IN_PROGRESS;
      closeOpen(Status.SUCCEEDED, null);
    }
    CompletableFuture<Void> watchdog = CompletableFuture.runAsync(
        () -> cancel(Status.TIMED_OUT), CompletableFuture.delayedExecutor(setup.timeout().toMillis(), TimeUnit.MILLISECONDS));
    Path src = setup.workDir().resolve("src");
    boolean succeeding = true;
    try {
      log = new BuildLog(setup.logFile(), clock);
      open(BuildPhase.PROVISIONING);
      Files.createDirectories(src);
      Map<String, String> env = new HashMap<>(setup.environment());
      env.put("CODEBUILD_SRC_DIR", src.toString());
      // every process of the build inherits its id: how a stop finds those that left its process group
      env.put(ProcessSweep.VARIABLE, setup.buildId());
      env.put("CODEBUILD_START_TIME", Long.toString(start.toEpochMilli()));
      close(Status.SUCCEEDED, null);

      open(BuildPhase.DOWNLOAD_SOURCE);
      try {
        setup.source().export(src);
      } catch (CrossbatchException e) {
        close(Status.FAILED, "CLIENT_ERROR: " + e.getMessage());
        return finish(false, src);
      }
      if (stopHere()) {
        return finish(false, src);
      }
      setup.cache().restore(src, log);
      close(Status.SUCCEEDED, null);

      session = ShellSession.start(setup.buildspec().shell(), setup.bash(), src, env, setup.workDir().resolve("scripts"), log);
      if (cancelled != null) {
        session.kill();
      }
      PhaseRunner runner = new PhaseRunner(session, log, () -> cancelled != null, setup.workDir().resolve("value"),
          warning -> notices.accept(setup.build().identifier() + ": " + warning), setup.runtimes());
      boolean abort = false;
      for (Buildspec.Phase spec : PhaseRunner.phases(setup.buildspec())) {
        BuildPhase type = BuildPhase.ofBuildspec(spec.name());
        open(type);
        String failure = runner.run(spec, type);
        if (stopHere()) {
          return finish(false, src);
        }
        if (failure == null) {
          close(Status.SUCCEEDED, null);
          continue;
        }
        close(Status.FAILED, failure);
        succeeding = false;
        session.run("export CODEBUILD_BUILD_SUCCEEDING=0");
        String onFailure = spec.onFailure() == null ? "" : spec.onFailure();
        if (onFailure.equals("ABORT") || (!onFailure.equals("CONTINUE") && (type == BuildPhase.INSTALL || type == BuildPhase.PRE_BUILD))) {
          abort = true;
          break;
        }
      }
      if (!abort) {
        open(BuildPhase.UPLOAD_ARTIFACTS);
        leftovers(src, succeeding);
        ArtifactUpload.Uploaded uploaded = ArtifactUpload.upload(setup.buildspec().artifacts(), setup.build().identifier(), src, setup.target(),
            session, setup.workDir().resolve("value"), log);
        synchronized (this) {
          artifact = uploaded.artifact();
        }
        String failure = uploaded.failure();
        if (stopHere()) {
          return finish(false, src);
        }
        close(failure == null ? Status.SUCCEEDED : Status.FAILED, failure);
        succeeding &= failure == null;
      }
      return finish(succeeding, src);
    } catch (IOException | UncheckedIOException e) {
      if (!phases.isEmpty() && phases.get(phases.size() - 1).status() == null) {
        close(Status.FAULT, "CLIENT_ERROR: " + e.getMessage());
      }
      message = "local build error: " + e.getMessage();
      return finish(false, src);
    } finally {
      watchdog.cancel(false);
    }
  }

  /**
   * What a build leaves besides its artifacts, as CodeBuild keeps them when the build ends: the
   * exported variables' values, the report groups' files, and (after a success) the cache.
   */
  private void leftovers(Path src, boolean succeeding) throws IOException {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String name : setup.buildspec().exportedVariables()) {
      values.put(name, session.exported(name, setup.workDir().resolve("value")));
    }
    if (!values.isEmpty()) {
      log.container("Exported variables: " + String.join(", ", values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    List<BuildRun.Report> collected = TestReports.collect(setup.buildspec().reports(), src, setup.reports(), log,
        word -> session.evaluate(word, setup.workDir().resolve("value")));
    synchronized (this) {
      exported = values;
      reports = collected;
    }
    if (succeeding) {
      setup.cache().save(src, log);
    }
  }

  /** When a stop or the timeout killed the shell: closes the open phase as STOPPED or TIMED_OUT. */
  private boolean stopHere() {
    Status why = cancelled;
    if (why == null) {
      return false;
    }
    if (!phases.isEmpty() && phases.get(phases.size() - 1).status() == null) {
      close(why, why == Status.TIMED_OUT ? "BUILD_TIMED_OUT: the build ran longer than " + minutes(setup.timeout()) : "stopped");
    }
    return true;
  }

  private BuildRun finish(boolean succeeding, Path src) {
    open(BuildPhase.FINALIZING);
    if (session != null) {
      session.close();
    }
    if (cancelled == null) {
      setup.source().keep(src); // a stopped build's processes may still write into it
    }
    Trees.deleteQuietly(setup.workDir());
    close(Status.SUCCEEDED, null);
    synchronized (this) {
      end = clock.instant();
      phases.add(new PhaseRecord(BuildPhase.COMPLETED.name(), null, end, null, null));
      phase = BuildPhase.COMPLETED.name();
      Status result = cancelled != null ? cancelled : succeeding ? Status.SUCCEEDED : Status.FAILED;
      status = result;
      if (message == null && result != Status.SUCCEEDED) {
        message = PhaseRecord.failure(phases).orElse(result.name());
      }
    }
    if (log != null) {
      log.container("Phase complete: COMPLETED State: " + status);
      log.close();
    }
    BuildRun run = snapshot();
    listener.accept(run);
    return run;
  }

  private void open(BuildPhase type) {
    synchronized (this) {
      phases.add(new PhaseRecord(type.name(), null, clock.instant(), null, null));
      phase = type.name();
    }
    if (log != null && type.ordinal() >= BuildPhase.INSTALL.ordinal() && type.ordinal() <= BuildPhase.POST_BUILD.ordinal()) {
      log.container("Entering phase " + type);
    }
    listener.accept(snapshot());
  }

  private void close(Status result, String context) {
    PhaseRecord last;
    synchronized (this) {
      closeOpen(result, context);
      last = phases.get(phases.size() - 1);
    }
    if (log != null && last.type().matches("INSTALL|PRE_BUILD|BUILD|POST_BUILD|UPLOAD_ARTIFACTS")) {
      log.container("Phase complete: " + last.type() + " State: " + result);
      if (context != null) {
        log.container("Phase context status code: " + context.replaceFirst(": ", " Message: "));
      }
    }
    listener.accept(snapshot());
  }

  private void closeOpen(Status result, String context) {
    int i = phases.size() - 1;
    PhaseRecord open = phases.get(i);
    phases.set(i, open.closed(result.name(), clock.instant(), context));
  }

  synchronized BuildRun snapshot() {
    PlannedBuild plan = setup.build();
    return new BuildRun(plan.identifier(), setup.buildId(), status.name(), phase, start, end, 1, plan.ignoreFailure(), plan.dependsOn(),
        plan.variables(), List.copyOf(phases), artifact, message, setup.logFile().toString(), exported, reports);
  }

  private static String minutes(Duration timeout) {
    return timeout.toMinutes() > 0 ? timeout.toMinutes() + " minutes" : timeout.toSeconds() + " seconds";
  }

}
