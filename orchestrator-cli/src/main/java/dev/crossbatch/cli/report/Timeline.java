package dev.crossbatch.cli.report;

import static dev.crossbatch.cli.report.HtmlReport.esc;

import dev.crossbatch.cli.render.Cells;
import dev.crossbatch.core.batch.BatchResults;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.PhaseRecord;
import dev.crossbatch.core.batch.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Every build's phases on one time axis, from the batch's start: the gap before a build's first
 * phase is the time it waited for a slot (queued), and the longest bar is the slowest platform.
 */
final class Timeline {
  private static final int WIDTH = 960;
  private static final int LABELS = 150;
  private static final int RIGHT = 16;
  private static final int ROW = 26;
  private static final int AXIS = 28;
  private static final Set<String> WAITING = Set.of("SUBMITTED", "PROVISIONING");
  private static final Set<String> SETUP = Set.of("DOWNLOAD_SOURCE", "INSTALL", "PRE_BUILD");
  private static final Set<String> BUILD = Set.of("BUILD", "RUN");
  private static final long[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200};

  private Timeline() {}

  static String svg(BatchResults results, Instant now) {
    BatchSnapshot batch = results.batch();
    List<BuildRun> builds = results.builds().stream().map(BatchResults.Result::build).toList();
    Instant t0 = batch.start() != null ? batch.start()
        : builds.stream().map(BuildRun::start).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(now);
    Instant t1 = batch.end() != null ? batch.end() : now;
    for (BuildRun b : builds) {
      for (PhaseRecord p : HtmlReport.phases(b, now)) {
        if (p.end() != null && p.end().isAfter(t1) && !p.type().equals("COMPLETED")) {
          t1 = p.end();
        }
      }
    }
    double span = Math.max(1, Duration.between(t0, t1).toMillis());
    int height = AXIS + builds.size() * ROW + 44;
    StringBuilder svg = new StringBuilder();
    svg.append("<section aria-labelledby=\"timeline\">\n<h2 id=\"timeline\">Timeline</h2>\n<div class=\"scroll\">\n")
        .append("<svg class=\"timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n")
        .append("<title id=\"timeline-title\">Each build's phases on one time axis</title>\n")
        .append("<desc id=\"timeline-desc\">").append(esc(describe(results, t0, now))).append("</desc>\n");
    long step = step(span / 1000);
    for (long s = 0; s * 1000 <= span; s += step) {
      double x = x(s * 1000, span);
      svg.append("<line class=\"grid\" x1=\"").append(f(x)).append("\" y1=\"").append(AXIS - 6).append("\" x2=\"").append(f(x)).append("\" y2=\"")
          .append(AXIS + builds.size() * ROW).append("\"/><text class=\"tick\" x=\"").append(f(x)).append("\" y=\"").append(AXIS - 10)
          .append("\" text-anchor=\"middle\">").append(tick(s)).append("</text>\n");
    }
    int row = 0;
    for (BuildRun b : builds) {
      int y = AXIS + row * ROW;
      svg.append("<g class=\"row\"><text class=\"label\" x=\"").append(LABELS - 8).append("\" y=\"").append(y + ROW / 2 + 4)
          .append("\" text-anchor=\"end\">").append(esc(b.label())).append("</text>\n");
      List<PhaseRecord> phases = HtmlReport.phases(b, now);
      Instant first = phases.stream().map(PhaseRecord::start).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
      if (first != null && first.isAfter(t0)) {
        bar(svg, "queued", t0, first, t0, span, y, b.label() + ": waited " + Cells.PEOPLE.duration(Duration.between(t0, first)) + " before its first phase");
      }
      for (PhaseRecord p : phases) {
        if (p.start() == null || p.type().equals("COMPLETED")) {
          continue; // COMPLETED only marks the end: CodeBuild gives it no duration
        }
        Instant end = p.end() != null ? p.end() : b.end() != null ? b.end() : now;
        String kind = kind(p);
        bar(svg, kind, p.start(), end, t0, span, y, b.label() + ": " + p.type() + " " + Cells.PEOPLE.duration(Duration.between(p.start(), end))
            + (p.status() == null ? "" : ", " + p.status()));
      }
      svg.append("</g>\n");
      row++;
    }
    int legend = AXIS + builds.size() * ROW + 22;
    int lx = LABELS;
    for (String[] item : new String[][] {{"queued", "queued for a slot"}, {"waiting", "submitted, provisioning"}, {"setup", "source and install"}, {"build", "build"},
        {"finish", "upload and finish"}, {"failed", "failed phase"}}) {
      svg.append("<rect class=\"").append(item[0]).append("\" x=\"").append(lx).append("\" y=\"").append(legend - 10)
          .append("\" width=\"12\" height=\"12\" rx=\"2\"/><text class=\"legend\" x=\"").append(lx + 16).append("\" y=\"").append(legend)
          .append("\">").append(item[1]).append("</text>\n");
      lx += 28 + item[1].length() * 7;
    }
    return svg.append("</svg>\n</div>\n</section>\n").toString();
  }

  private static void bar(StringBuilder svg, String kind, Instant from, Instant to, Instant t0, double span, int y, String title) {
    double x1 = x(Duration.between(t0, from).toMillis(), span);
    double x2 = x(Duration.between(t0, to).toMillis(), span);
    svg.append("<rect class=\"").append(kind).append("\" x=\"").append(f(x1)).append("\" y=\"").append(y + 4).append("\" width=\"")
        .append(f(Math.max(1.5, x2 - x1))).append("\" height=\"").append(ROW - 8).append("\" rx=\"2\"><title>").append(esc(title))
        .append("</title></rect>\n");
  }

  private static String kind(PhaseRecord p) {
    Status status = p.status() == null ? null : Status.parse(p.status());
    if (status != null && status.isTerminal() && status != Status.SUCCEEDED) {
      return "failed";
    }
    return p.type().equals("QUEUED") ? "queued" : WAITING.contains(p.type()) ? "waiting" : SETUP.contains(p.type()) ? "setup" : BUILD.contains(p.type()) ? "build" : "finish";
  }

  /** What the picture shows, for those who do not see it. */
  private static String describe(BatchResults results, Instant t0, Instant now) {
    StringBuilder text = new StringBuilder();
    for (BatchResults.Result r : results.builds()) {
      BuildRun b = r.build();
      text.append(b.label()).append(": ");
      if (b.start() == null) {
        text.append("never ran; ");
        continue;
      }
      text.append("started after ").append(Cells.PEOPLE.duration(Duration.between(t0, b.start()))).append(", ran ")
          .append(b.elapsed(now).map(Cells.PEOPLE::duration).orElse("")).append(", ").append(b.status()).append("; ");
    }
    return text.toString().trim();
  }

  /** 0s, 45s, 2m, 1m30s, 1h. */
  private static String tick(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
    return seconds / 3600 + "h" + (seconds % 3600 == 0 ? "" : seconds % 3600 / 60 + "m");
  }

  private static long step(double seconds) {
    for (long s : STEPS) {
      if (seconds / s <= 8) {
        return s;
      }
    }
    return STEPS[STEPS.length - 1];
  }

  private static double x(long millis, double span) {
    return LABELS + millis / span * (WIDTH - LABELS - RIGHT);
  }

  /**
   * One decimal, as {@code String.format(Locale.ROOT, "%.1f", v)} writes it (the shortest decimal
   * form rounded half up), without a Formatter: it parses its pattern on every call, and the
   * picture's coordinates were a twentieth of a release's main thread (docs/benchmarks.md).
   */
  static String f(double v) {
    return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }
}
