package dev.crossbatch.cli.render.json;

import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.LogFollower;
import java.util.ArrayList;
import java.util.List;

/** logs --output json: each build asked for, with its log's lines (docs/output-json.md). */
public record LogsJson(String batch, List<BuildLog> builds) {
  /** One build's log; {@code lines} is empty for a build that never ran. */
  public record BuildLog(String identifier, String platform, String status, String buildId, String log, List<String> lines) {
    public static BuildLog of(BuildRun b, List<String> lines) {
      return new BuildLog(b.identifier(), b.platform().map(Object::toString).orElse(null), b.status(), b.buildId(), b.log(), List.copyOf(lines));
    }
  }

  /** Collects the lines of one build after another, as the log follower hands them over. */
  public static final class Collector implements LogFollower.BuildLogs {
    private final List<BuildLog> builds = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private BuildRun current;

    /** A build that never ran gets no lines, and is listed all the same. */
    @Override
    public void build(BuildRun build, boolean ran) {
      finish();
      current = build;
    }

    @Override
    public void line(String line) {
      lines.add(line);
    }

    /** The builds collected; {@code last} is the state of the last build once its log ended (null: as it began). */
    public LogsJson done(String batch, BuildRun last) {
      if (last != null) {
        current = last;
      }
      finish();
      return new LogsJson(batch, List.copyOf(builds));
    }

    private void finish() {
      if (current != null) {
        builds.add(BuildLog.of(current, lines));
        lines.clear();
        current = null;
      }
    }
  }
}
