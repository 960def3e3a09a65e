package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BatchPhase;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildPhase;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.PhaseRecord;
import dev.crossbatch.core.batch.Status;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.io.FileLock;
import dev.crossbatch.core.io.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who runs each local batch, and whether it still does. The runner holds a lock on
 * {@code runner.lock} in the batch's folder for as long as it runs the batch: the system drops it
 * when the process ends, however it ends, so "the lock is free" means "the runner is gone" — unlike
 * a PID, which the system gives to the next process. {@code runner.pid} keeps the PID and the
 * process's start time, so that a stop signals that very process and never one that reused its PID.
 *
 * <p>A batch whose runner is gone before it ended (kill -9, a crash, a reboot) is ended by whoever
 * looks at it next: its unfinished builds fail with "runner died", the processes its builds left
 * are killed (found by their build ids), and its workspace is deleted.
 */
final class BatchRunners {
  /** Why a batch ended without its runner, as status and watch show it. */
  static final String DIED = "runner died";

  /** The process running a batch, as it recorded itself. */
  record Runner(long pid, Instant started) {
    static Runner current() {
      ProcessHandle self = ProcessHandle.current();
      return new Runner(self.pid(), self.info().startInstant().orElse(Instant.EPOCH));
    }

    /** This very process, if it still runs: same PID and same start time. */
    Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid).filter(p -> p.info().startInstant().map(started::equals).orElse(false));
    }

    String line() {
      return pid + " " + started;
    }

    static Optional<Runner> parse(String line) {
      String[] parts = line.trim().split(" ");
      try {
        return parts.length == 2 ? Optional.of(new Runner(Long.parseLong(parts[0]), Instant.parse(parts[1]))) : Optional.empty();
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  private final StateStore store;
  private final Clock clock;

  BatchRunners(StateStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private Path lockFile(String batchId) {
    return store.batchDir(batchId).resolve("runner.lock");
  }

  private Path pidFile(String batchId) {
    return store.batchDir(batchId).resolve("runner.pid");
  }

  /** Makes this process the runner of a new batch; the lock is held until the returned handle is closed. */
  FileLock claim(String batchId) {
    try {
      FileLock lock = FileLock.tryAcquire(lockFile(batchId)).orElseThrow(() -> new CrossbatchException(ErrorKind.INTERNAL,
          "batch " + batchId + " already has a runner", null));
      Runner me = Runner.current();
      lock.describe("batch " + batchId + " pid " + me.pid());
      dev.crossbatch.core.io.AtomicFiles.write(pidFile(batchId), me.line() + "\n");
      return lock;
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.INTERNAL, "cannot claim batch " + batchId + ": " + e.getMessage(), null, e);
    }
  }

  /** The recorded runner of a batch, if any. */
  Optional<Runner> runner(String batchId) {
    try {
      Path file = pidFile(batchId);
      return Files.isRegularFile(file) ? Runner.parse(dev.crossbatch.core.io.BoundedFiles.readString(file, 256)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether the batch's runner still runs. A batch from before runner locks counts only its PID with the same start time. */
  boolean alive(String batchId) {
    try {
      if (Files.exists(lockFile(batchId))) {
        return FileLock.heldElsewhere(lockFile(batchId));
      }
    } catch (IOException e) {
      return true; // cannot tell: never end a batch on a guess
    }
    return runner(batchId).flatMap(Runner::process).isPresent();
  }

  /**
   * {@code seen} as it is if its runner still runs or it has ended; otherwise the batch ended now,
   * {@code as} FAILED (someone looked) or STOPPED (someone asked it to stop), saved, with its strays
   * killed and its workspace gone. Decided under the runner's lock, after reading the state again:
   * a runner that finished just now is never taken for a dead one.
   */
  BatchSnapshot endIfDead(BatchSnapshot seen, Status as) {
    if (seen.complete()) {
      return seen;
    }
    Path lockFile = lockFile(seen.id());
    Optional<FileLock> lock = Optional.empty();
    try {
      if (Files.exists(lockFile)) {
        lock = FileLock.tryAcquire(lockFile);
        if (lock.isEmpty()) {
          return seen; // its runner holds it: alive
        }
      } else if (runner(seen.id()).flatMap(Runner::process).isPresent()) {
        return seen; // a batch from before runner locks, whose runner still runs
      }
    } catch (IOException e) {
      return seen; // cannot tell: never end a batch on a guess
    }
    try {
      BatchSnapshot now = store.load(seen.id()).orElse(seen);
      if (now.complete()) {
        return now;
      }
      String why = DIED + ": the process that ran it (pid " + runner(seen.id()).map(Runner::pid).map(String::valueOf).orElse("?")
          + ") ended before the batch did" + (as == Status.STOPPED ? "; stopped" : "");
      BatchSnapshot ended = ended(now, as, why, clock.instant());
      store.save(ended);
      ProcessSweep.kill(ids(now.builds()));
      Trees.deleteQuietly(store.batchDir(seen.id()).resolve("work"));
      return ended;
    } finally {
      lock.ifPresent(FileLock::close);
    }
  }

  /**
   * Ends every batch here whose runner died while its builds ran, and deletes the workspaces such
   * batches left (before a new batch starts). Only batches that still have a workspace are read:
   * one that ended normally removed its own, so a folder of many old batches costs nothing here.
   */
  void reap() {
    Path batches = store.root().resolve("batches");
    if (!Files.isDirectory(batches)) {
      return;
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(batches)) {
      dirs = list.filter(d -> Files.isDirectory(d.resolve("work"))).toList();
    } catch (IOException e) {
      return;
    }
    for (Path dir : dirs) {
      String id = "local:" + dir.getFileName();
      try {
        Optional<BatchSnapshot> state = store.loadFrom(dir);
        if (state.isPresent() && !state.get().complete()) {
          endIfDead(state.get(), Status.FAILED);
        } else if (!alive(id)) {
          Trees.deleteQuietly(dir.resolve("work"));
        }
      } catch (CrossbatchException e) {
        // a damaged state file: status names the problem; the next start is not held up by it
      }
    }
  }

  /** Asks the runner of a batch that still runs to stop it (SIGTERM), when it is certainly that process. */
  void signal(String batchId) {
    Runner runner = runner(batchId).orElseThrow(() -> new CrossbatchException(ErrorKind.USAGE,
        "batch " + batchId + " runs, but its runner did not record itself", "stop it where it runs (Ctrl-C)"));
    ProcessHandle process = runner.process().orElseThrow(() -> new CrossbatchException(ErrorKind.USAGE,
        "batch " + batchId + " runs, but not in process " + runner.pid() + " started at " + runner.started() + ", which it recorded; no signal was sent",
        "stop it where it runs (Ctrl-C)"));
    process.destroy();
  }

  /** The batch as it is when its runner is gone: unfinished builds failed (or stopped), the batch ended. */
  static BatchSnapshot ended(BatchSnapshot s, Status as, String why, Instant now) {
    List<BuildRun> builds = new ArrayList<>();
    for (BuildRun b : s.builds()) {
      if (b.statusValue().isTerminal()) {
        builds.add(b);
        continue;
      }
      boolean started = b.statusValue() == Status.IN_PROGRESS;
      Status status = started && as == Status.FAILED ? Status.FAILED : Status.STOPPED;
      List<PhaseRecord> phases = new ArrayList<>(b.phases());
      int last = phases.size() - 1;
      if (last >= 0 && phases.get(last).status() == null) {
        phases.set(last, phases.get(last).closed(status.name(), now, why));
      }
      phases.add(new PhaseRecord(BuildPhase.COMPLETED.name(), null, now, null, null));
      builds.add(new BuildRun(b.identifier(), b.buildId(), status.name(), BuildPhase.COMPLETED.name(), b.start(), started ? now : null,
          b.attempt(), b.ignoreFailure(), b.dependsOn(), b.variables(), List.copyOf(phases), null, why, started ? b.log() : null));
    }
    Status batch = as == Status.STOPPED ? Status.STOPPED : Status.FAILED;
    return new BatchSnapshot(s.id(), s.backend(), s.project(), batch.name(), batch == Status.STOPPED ? BatchPhase.STOPPED.name() : BatchPhase.FAILED.name(),
        s.sourceVersion(), s.commit(), s.version(), s.dirty(), s.start(), now, true, s.downloadSource(), List.copyOf(builds), why);
  }

  static Set<String> ids(List<BuildRun> builds) {
    return builds.stream().map(BuildRun::buildId).filter(id -> id != null).collect(Collectors.toSet());
  }
}
