package dev.crossbatch.core.batch;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * An ended batch as reports show it (JUnit XML, CI annotations and summaries, the HTML report):
 * each build with its phases, and for a build that failed the phase it failed in and the last lines
 * of its log. One read of the builds' details, one read of each failed build's log.
 */
public record BatchResults(BatchSnapshot batch, List<Result> builds) {
  /** How many of a failed build's last log lines are kept. */
  public static final int LAST_LINES = 30;

  /**
   * One build.
   *
   * @param failedPhase the phase it failed in ({@code BUILD}), null when it did not fail or never ran
   * @param reason why it failed: the phase's context, else the build's message, else its status
   * @param lastLines the end of its log, empty when it did not fail or has no log
   */
  public record Result(BuildRun build, String failedPhase, String reason, List<String> lastLines) {
    public boolean failed() {
      return build.statusValue().isTerminal() && !build.succeeded() && build.start() != null;
    }

    /** A build that never ran: skipped after a dependency failed, or stopped before it started. */
    public boolean skipped() {
      return build.statusValue().isTerminal() && !build.succeeded() && build.start() == null;
    }
  }

  public static BatchResults read(BuildService service, BatchSnapshot ended) {
    BatchSnapshot detailed = service.details(ended);
    List<Result> results = new ArrayList<>();
    for (BuildRun b : detailed.builds()) {
      boolean failed = b.statusValue().isTerminal() && !b.succeeded();
      if (!failed) {
        results.add(new Result(b, null, null, List.of()));
        continue;
      }
      Optional<PhaseRecord> phase = b.phases().stream().filter(p -> p.status() != null && Status.parse(p.status()) != Status.SUCCEEDED).findFirst();
      String reason = phase.map(PhaseRecord::context).filter(c -> !c.isBlank())
          .orElse(b.message() != null ? b.message() : b.status());
      results.add(new Result(b, phase.map(PhaseRecord::type).orElse(null), reason, b.log() == null ? List.of() : tail(service, b)));
    }
    return new BatchResults(detailed, List.copyOf(results));
  }

  /** The last {@link #LAST_LINES} lines of a build's log, read through once; empty when it cannot be read. */
  private static List<String> tail(BuildService service, BuildRun build) {
    Deque<String> last = new ArrayDeque<>();
    String cursor = null;
    try {
      LogChunk chunk;
      do {
        chunk = service.log(build, cursor);
        for (String line : chunk.lines()) {
          if (last.size() == LAST_LINES) {
            last.removeFirst();
          }
          last.addLast(line);
        }
        cursor = chunk.cursor();
      } while (!chunk.caughtUp());
    } catch (CrossbatchException e) {
      if (e.kind() == ErrorKind.INTERRUPTED) {
        throw e;
      }
      // a report without the log's end is still a report (a log group removed, no logs:GetLogEvents); 'crossbatch logs' says why
      return List.of();
    }
    return List.copyOf(last);
  }

  public long failures() {
    return builds.stream().filter(Result::failed).count();
  }

  public long skipped() {
    return builds.stream().filter(Result::skipped).count();
  }
}
