package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BatchPhase;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.PhaseRecord;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.batch.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs the builds of one batch on this machine: at most {@code parallelism} at once, each when
 * every build it depends on has finished; dependents of a failed build are skipped; with
 * fast-fail the first failure stops the rest; ignore-failure builds do not fail the batch.
 */
final class LocalBatchRunner {
  private final LocalBatch batch;
  private final Clock clock;
  private final Consumer<BatchSnapshot> listener;
  private final Map<String, BuildRun> state = new LinkedHashMap<>();
  private final Map<String, LocalBuild> running = new HashMap<>();
  private final Map<String, LocalBuild> pending = new LinkedHashMap<>();
  private final Instant start;
  private String phase = BatchPhase.DOWNLOAD_BATCHSPEC.name();
  private String status = Status.IN_PROGRESS.name();
  private Instant end;
  private String stopReason;
  private boolean userStopped;

  /** @param builds makes the build of a plan entry, reporting its changes to the given listener */
  LocalBatchRunner(LocalBatch batch, BiFunction<PlannedBuild, Consumer<BuildRun>, LocalBuild> builds, Clock clock, Consumer<BatchSnapshot> listener) {
    this.batch = batch;
    this.clock = clock;
    this.listener = listener;
    this.start = clock.instant();
    // like StartBuildBatch: the batch's builds exist, queued, as soon as it is started
    for (PlannedBuild plan : batch.builds()) {
      LocalBuild build = builds.apply(plan, this::changed);
      pending.put(plan.identifier(), build);
      state.put(plan.identifier(), build.queue());
    }
  }

  /** Runs the batch to its end and returns its final state. */
  BatchSnapshot run() {
    synchronized (this) {
      phase = BatchPhase.IN_PROGRESS.name();
    }
    publish();
    ExecutorService pool = Executors.newFixedThreadPool(batch.parallelism(), r -> {
      Thread t = new Thread(r, "local-build");
      t.setDaemon(true);
      return t;
    });
    ExecutorCompletionService<BuildRun> done = new ExecutorCompletionService<>(pool);
    try {
      while (true) {
        schedule(done);
        synchronized (this) {
          if (running.isEmpty()) {
            break;
          }
        }
        BuildRun finished = take(done);
        synchronized (this) {
          running.remove(finished.identifier());
          state.put(finished.identifier(), finished);
          if (batch.fastFail() && finished.counts() && !finished.succeeded() && stopReason == null) {
            stopAll("fast-fail: " + finished.identifier() + " " + finished.status());
          }
        }
        publish();
      }
    } finally {
      pool.shutdownNow();
    }
    return finish();
  }

  /** Starts every build whose dependencies are done, while slots are free; skips those that cannot run. */
  private void schedule(ExecutorCompletionService<BuildRun> done) {
    boolean changed = false;
    synchronized (this) {
      Iterator<Map.Entry<String, LocalBuild>> it = pending.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, LocalBuild> entry = it.next();
        BuildRun queued = state.get(entry.getKey());
        if (stopReason != null) {
          state.put(entry.getKey(), notStarted(queued, stopReason));
          it.remove();
          changed = true;
          continue;
        }
        Optional<BuildRun> blocker = queued.dependsOn().stream().map(state::get).filter(d -> !d.statusValue().isTerminal()).findFirst();
        if (blocker.isPresent()) {
          continue;
        }
        Optional<BuildRun> failed = queued.dependsOn().stream().map(state::get)
            .filter(d -> !d.succeeded() && !d.ignoreFailure()).findFirst();
        if (failed.isPresent()) {
          state.put(entry.getKey(), notStarted(queued, "skipped: depends on " + failed.get().identifier() + ", which " + failed.get().status()));
          it.remove();
          changed = true;
          continue;
        }
        if (running.size() >= batch.parallelism()) {
          continue;
        }
        LocalBuild build = entry.getValue();
        running.put(entry.getKey(), build);
        it.remove();
        done.submit(build::run);
        changed = true;
      }
      if (running.isEmpty() && !pending.isEmpty()) {
        // only reachable with a dependency outside the plan; the validator rules that out
        for (String id : List.copyOf(pending.keySet())) {
          state.put(id, notStarted(state.get(id), "skipped: its dependencies never ran"));
        }
        pending.clear();
        changed = true;
      }
    }
    if (changed) {
      publish();
    }
  }

  private static BuildRun take(ExecutorCompletionService<BuildRun> done) {
    try {
      Future<BuildRun> next = done.take();
      return next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a build", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a local build crashed: " + e.getCause(), e.getCause());
    }
  }

  /** A build that never started: STOPPED, as CodeBuild ends builds a stopped batch did not run; it has no log. */
  private BuildRun notStarted(BuildRun queued, String why) {
    Instant now = clock.instant();
    List<PhaseRecord> phases = new ArrayList<>(queued.phases());
    int last = phases.size() - 1;
    if (last >= 0 && phases.get(last).status() == null) {
      phases.set(last, phases.get(last).closed(Status.STOPPED.name(), now, why));
    }
    return new BuildRun(queued.identifier(), queued.buildId(), Status.STOPPED.name(), queued.phase(), null, null,
        queued.attempt(), queued.ignoreFailure(), queued.dependsOn(), queued.variables(), phases, null, why, null);
  }

  /** Stops the batch: running builds are killed, the others never start. */
  void stop() {
    synchronized (this) {
      userStopped = true;
      stopAll("stopped");
    }
    publish();
  }

  private void stopAll(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
    running.values().forEach(b -> new Thread(b::stop, "stop-build").start());
  }

  private BatchSnapshot finish() {
    synchronized (this) {
      phase = BatchPhase.COMBINE_ARTIFACTS.name();
      boolean allCounted = state.values().stream().filter(BuildRun::counts).allMatch(BuildRun::succeeded);
      Status result = userStopped ? Status.STOPPED : allCounted ? Status.SUCCEEDED : Status.FAILED;
      status = result.name();
      phase = result.name();
      end = clock.instant();
    }
    publish();
    return snapshot();
  }

  /** A build moved to another phase or status. */
  private synchronized void changed(BuildRun run) {
    if (state.containsKey(run.identifier()) && !state.get(run.identifier()).statusValue().isTerminal()) {
      state.put(run.identifier(), run);
      publish();
    }
  }

  /** Under the lock, so that listeners (the state file) see snapshots in order. */
  private synchronized void publish() {
    listener.accept(snapshot());
  }

  synchronized BatchSnapshot snapshot() {
    String message = stopReason;
    if (message == null && Status.FAILED.name().equals(status)) {
      message = state.values().stream().filter(b -> b.counts() && !b.succeeded()).map(BuildRun::identifier).toList() + " failed";
    }
    return new BatchSnapshot(batch.id(), BatchSnapshot.LOCAL, batch.project(), status, phase, batch.sourceVersion(), batch.commit(),
        batch.version(), batch.dirty(), start, end, end != null, batch.downloadSource(), List.copyOf(state.values()), message);
  }
}
