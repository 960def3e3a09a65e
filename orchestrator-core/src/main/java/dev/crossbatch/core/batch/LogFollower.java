package dev.crossbatch.core.batch;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.time.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prints one build's log: what has been written so far, or with {@code follow} everything until
 * the build ends (waiting for it to start if need be). A retry of the build starts its new log
 * after a separator line. Transient failures slow following down, as in {@link BatchTracker}.
 */
public final class LogFollower {
  private final BuildService service;
  private final String batchId;
  private final BatchTracker.Polling polling;
  private final Sleeper sleeper;

  public LogFollower(BuildService service, String batchId, BatchTracker.Polling polling, Sleeper sleeper) {
    this.service = service;
    this.batchId = batchId;
    this.polling = polling;
    this.sleeper = sleeper;
  }

  /**
   * @param selector a platform (linux/arm64) or a build identifier (linux_arm64, DOWNLOAD_SOURCE);
   *     null for the batch's only build, or its only failed one
   * @return the build as it was when printing stopped
   */
  public BuildRun print(String selector, boolean follow, Consumer<String> lines) {
    BatchSnapshot batch = service.describe(batchId);
    BuildRun run = detailed(batch, pick(batch, selector).identifier());
    if (run.log() == null && run.statusValue().isTerminal()) {
      throw CrossbatchException.usage(run.label() + " of " + batchId + " has no log: it never ran (" + run.status()
          + (run.message() == null ? "" : ", " + run.message()) + ")", "'crossbatch status' shows why");
    }
    if (run.log() == null && !follow) {
      throw CrossbatchException.usage(run.label() + " of " + batchId + " has no log yet: it is " + run.status(),
          "add --follow to wait for it");
    }
    String cursor = null;
    Duration interval = polling.first();
    boolean drained = false;
    int failed = 0;
    while (true) {
      try {
        if (run.log() != null) {
          LogChunk chunk = service.log(run, cursor);
          chunk.lines().forEach(lines);
          cursor = chunk.cursor();
          if (!chunk.caughtUp()) {
            continue;
          }
        }
        if (!follow || drained) {
          return run;
        }
        // a build that has ended gets one more read after a pause: log services deliver late lines
        drained = ended(run);
        sleep(interval);
        interval = polling.next(interval);
        batch = service.describe(batchId);
        BuildRun now = pick(batch, run.identifier());
        if (!same(now.buildId(), run.buildId())) {
          lines.accept("--- " + now.label() + ": attempt " + now.attempt() + " (" + now.buildId() + ") ---");
          cursor = null;
          drained = false;
          run = detailed(batch, now.identifier());
        } else if (run.log() == null || ended(now) && !ended(run)) {
          run = detailed(batch, now.identifier());
        }
        failed = 0;
      } catch (TransientFailure e) {
        if (e.throttled()) {
          interval = Duration.ofMillis(Math.min(polling.max().toMillis(), interval.toMillis() * 2));
        } else if (!follow || ++failed >= BatchTracker.MAX_FAILED_POLLS) {
          throw e;
        }
        sleep(interval);
      }
    }
  }

  private BuildRun detailed(BatchSnapshot batch, String identifier) {
    return pick(service.details(batch), identifier);
  }

  private static boolean ended(BuildRun run) {
    return run.statusValue().isTerminal();
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  private void sleep(Duration interval) {
    try {
      sleeper.sleep(interval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrossbatchException(ErrorKind.INTERRUPTED, "stopped following the log of " + batchId + "; the batch keeps running", null);
    }
  }

  /** Where the logs of several builds go: a build, then its lines. */
  public interface BuildLogs {
    /** A build's log starts; {@code ran} is false for a build that never ran, which has no lines. */
    void build(BuildRun build, boolean ran);

    void line(String line);
  }

  /**
   * The log of every failed build of the batch, each after a {@code ==> label: STATUS <==} line; a
   * failed build that never ran (skipped, stopped before it started) says so instead.
   *
   * @return the failed builds, in the batch's order
   */
  public List<BuildRun> printFailed(Consumer<String> lines) {
    return eachFailed(new BuildLogs() {
      @Override
      public void build(BuildRun build, boolean ran) {
        lines.accept("==> " + build.label() + ": " + build.status() + " <==");
        if (!ran) {
          lines.accept("(no log: the build did not run)");
        }
      }

      @Override
      public void line(String line) {
        lines.accept(line);
      }
    });
  }

  /** The log of every failed build of the batch, build by build; the failed builds, in the batch's order. */
  public List<BuildRun> eachFailed(BuildLogs logs) {
    BatchSnapshot batch = service.describe(batchId);
    List<BuildRun> failed = batch.builds().stream().filter(b -> b.statusValue().isTerminal() && !b.succeeded()).toList();
    if (failed.isEmpty()) {
      throw CrossbatchException.usage("no build of " + batchId + " failed" + (batch.statusValue().isTerminal() ? "" : " so far: it is " + batch.status()),
          "name a build with --platform to print its log");
    }
    BatchSnapshot detailed = service.details(batch); // where every log is, in one read: BatchGetBuilds takes 100 builds a call
    for (BuildRun build : failed) {
      BuildRun run = pick(detailed, build.identifier());
      logs.build(run, run.log() != null);
      if (run.log() != null) {
        drain(run, logs::line);
      }
    }
    return failed;
  }

  /** Prints a build's log as far as it is written. */
  private void drain(BuildRun run, Consumer<String> lines) {
    String cursor = null;
    LogChunk chunk;
    do {
      chunk = service.log(run, cursor);
      chunk.lines().forEach(lines);
      cursor = chunk.cursor();
    } while (!chunk.caughtUp());
  }

  /**
   * The build a selector names (null: the batch's only build, or its only failed one); a clear
   * error listing the builds when it names none.
   */
  static BuildRun pick(BatchSnapshot batch, String selector) {
    if (selector == null) {
      List<BuildRun> failed = batch.builds().stream().filter(b -> b.statusValue().isTerminal() && !b.succeeded()).toList();
      if (batch.builds().size() == 1 || failed.size() == 1) {
        return batch.builds().size() == 1 ? batch.builds().get(0) : failed.get(0);
      }
      throw CrossbatchException.usage("which build? " + batch.id() + " has " + batch.builds().size() + " builds"
          + (failed.isEmpty() ? "" : ", " + failed.size() + " of them failed") + ": "
          + String.join(", ", (failed.isEmpty() ? batch.builds() : failed).stream().map(BuildRun::label).toList()),
          "name one with --platform" + (failed.size() > 1 ? ", or print each failed one's with --all-failed" : ""));
    }
    List<BuildRun> all = new ArrayList<>(batch.builds());
    if (batch.downloadSource() != null) {
      all.add(batch.downloadSource());
    }
    return all.stream().filter(b -> b.identifier().equals(selector) || b.label().equals(selector)).findFirst()
        .orElseThrow(() -> CrossbatchException.usage("'" + selector + "' is not a build of " + batch.id() + "; it has: "
            + String.join(", ", batch.builds().stream().map(BuildRun::label).toList()), "pass one of those with --platform"));
  }
}
