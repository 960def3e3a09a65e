package dev.crossbatch.cli.ci;

import dev.crossbatch.cli.render.Cells;
import dev.crossbatch.cli.report.HtmlReport;
import dev.crossbatch.core.batch.BatchResults;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.source.Commit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What crossbatch says to GitHub Actions when GITHUB_ACTIONS=true: workflow commands
 * ({@code ::error file=crossbatch.yml,line=3,col=5::...}, {@code ::group::}) and a step summary
 * in Markdown. The runner reads workflow commands from a step's stdout and stderr alike
 * (docs/facts.md), so they go to stderr and stdout stays parseable.
 */
public final class GitHubActions {
  public static final String VARIABLE = "GITHUB_ACTIONS";
  public static final String SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY";

  private GitHubActions() {}

  public static boolean on(Map<String, String> environment) {
    return "true".equals(environment.get(VARIABLE));
  }

  /** {@code ::error file=F,line=L,col=C,title=T::message} (or warning), values escaped as the runner unescapes them. */
  public static String annotation(String level, String file, int line, int column, String title, String message) {
    List<String> properties = new ArrayList<>();
    if (file != null) {
      properties.add("file=" + property(file));
      if (line > 0) {
        properties.add("line=" + line);
      }
      if (column > 0) {
        properties.add("col=" + column);
      }
    }
    if (title != null) {
      properties.add("title=" + property(title));
    }
    return "::" + level + (properties.isEmpty() ? "" : " " + String.join(",", properties)) + "::" + data(message);
  }

  /** An {@code ::error::} per build that failed, naming its phase and how to read its whole log. */
  public static List<String> failures(BatchResults results, Path workDir) {
    BatchSnapshot batch = results.batch();
    List<String> lines = new ArrayList<>();
    for (BatchResults.Result r : results.builds()) {
      if (!r.failed() || r.build().ignoreFailure()) {
        continue;
      }
      BuildRun b = r.build();
      String log = batch.onCodeBuild() ? "crossbatch logs " + batch.id() + " --platform " + b.label()
          : b.log() == null ? "" : workDir.toAbsolutePath().relativize(Path.of(b.log()).toAbsolutePath()).toString();
      lines.add(annotation("error", null, 0, 0, "crossbatch: " + b.label() + " " + b.status(),
          b.label() + " " + b.status() + (r.failedPhase() == null ? "" : " in " + r.failedPhase()) + ": " + r.reason()
              + (log.isEmpty() ? "" : "\nlog: " + log)));
    }
    return lines;
  }

  /** The step summary: the batch, then one row per platform with its status, time, archive, size and SHA-256. */
  public static String summary(BatchResults results, Instant now) {
    BatchSnapshot batch = results.batch();
    StringBuilder md = new StringBuilder();
    md.append("### crossbatch: ").append(cell(batch.id())).append(" ").append(batch.status()).append("\n\n");
    List<String> facts = new ArrayList<>();
    if (batch.commit() != null && batch.commit().length() >= Commit.SHORT) {
      facts.add("commit `" + Commit.abbreviate(batch.commit()) + "`");
    }
    if (batch.version() != null) {
      facts.add("version `" + cell(batch.version()) + "`");
    }
    facts.add(batch.onCodeBuild() ? "on AWS CodeBuild" : "on the local runner");
    md.append(String.join(" · ", facts)).append("\n\n");
    md.append("| Platform | Status | Time | Archive | Size | SHA-256 |\n|---|---|---|---|---:|---|\n");
    for (BatchResults.Result r : results.builds()) {
      BuildRun b = r.build();
      BuildRun.Artifact a = b.artifact();
      String status = (b.succeeded() ? "✅ " : r.failed() ? "❌ " : r.skipped() ? "⏭️ " : "⏳ ") + b.status()
          + (r.failedPhase() == null ? "" : " in " + r.failedPhase());
      md.append("| ").append(cell(b.label()))
          .append(" | ").append(cell(status))
          .append(" | ").append(b.elapsed(now).map(Cells.PEOPLE::duration).orElse(""))
          .append(" | ").append(a == null ? "" : "`" + cell(HtmlReport.fileName(a.location())) + "`")
          .append(" | ").append(a == null || a.size() < 0 ? "" : Cells.PEOPLE.bytes(a.size()))
          .append(" | ").append(a == null || a.sha256() == null ? "" : "`" + Cells.PEOPLE.sha256(a.sha256()) + "`")
          .append(" |\n");
    }
    for (BatchResults.Result r : results.builds()) {
      if (r.failed() && !r.lastLines().isEmpty()) {
        md.append("\n<details><summary>").append(HtmlReport.esc(r.build().label())).append(": last lines of the log</summary>\n\n```\n");
        r.lastLines().forEach(l -> md.append(l.replace("```", "'''")).append('\n'));
        md.append("```\n</details>\n");
      }
    }
    return md.append('\n').toString();
  }

  /** A Markdown table cell: no pipe or newline can break the row. */
  private static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }

  /** A workflow command's message: %, CR and LF escaped. */
  static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A workflow command's property value: also : and , escaped. */
  static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
