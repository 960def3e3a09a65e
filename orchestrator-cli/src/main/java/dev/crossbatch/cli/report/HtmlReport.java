package dev.crossbatch.cli.report;

import dev.crossbatch.cli.render.Cells;
import dev.crossbatch.core.batch.BatchResults;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.PhaseRecord;
import dev.crossbatch.core.source.Commit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * report.html: an ended batch in one self-contained page (no network, no external fonts or
 * scripts; readable without JavaScript, which only adds copy buttons), light and dark. Per platform
 * its status, duration, archive (linked relative to the page), size and SHA-256; for a failed build
 * the phase it failed in and its log's last lines; and a timeline of every build's phases on one
 * time axis, in inline SVG, so the slowest platform and the time spent queued show at a glance.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * @param archive where a build's archive is on this machine, if it is: the page links it relative to {@code page}
   * @param page the file the page will be written to
   */
  public static String render(BatchResults results, Function<BuildRun, Optional<Path>> archive, Path page, ZoneId zone, Instant now,
      String generator) {
    BatchSnapshot batch = results.batch();
    StringBuilder html = new StringBuilder(16_384);
    String title = (batch.project() == null ? "crossbatch" : batch.project()) + " " + (batch.version() == null ? "" : batch.version() + " ")
        + batch.status();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
        .append("<meta name=\"generator\" content=\"").append(esc(generator)).append("\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(Style.CSS).append("</style>\n</head>\n<body>\n<main>\n");
    header(html, results, zone, now);
    table(html, results, archive, page, now);
    html.append(Timeline.svg(results, now));
    failures(html, results);
    html.append("<footer><p>Written by ").append(esc(generator)).append(" from batch <code>").append(esc(batch.id()))
        .append("</code>. Check the archives with <code>sha256sum -c SHA256SUMS</code> or <code>crossbatch verify</code>.</p></footer>\n")
        .append("</main>\n<script>\n").append(Style.SCRIPT).append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void header(StringBuilder html, BatchResults results, ZoneId zone, Instant now) {
    BatchSnapshot batch = results.batch();
    html.append("<header>\n<h1><span class=\"status ").append(statusClass(batch.succeeded(), batch.statusValue().isTerminal())).append("\">")
        .append(esc(batch.status())).append("</span> ").append(esc(batch.project() == null ? "batch" : batch.project()));
    if (batch.version() != null) {
      html.append(" <span class=\"version\">").append(esc(batch.version())).append("</span>");
    }
    html.append("</h1>\n<dl class=\"facts\">\n");
    fact(html, "Batch", "<code>" + esc(batch.id()) + "</code>");
    if (batch.commit() != null && batch.commit().length() >= Commit.SHORT) {
      fact(html, "Commit", "<code title=\"" + esc(batch.commit()) + "\">" + esc(Commit.abbreviate(batch.commit())) + "</code>"
          + (batch.dirty() ? " (with uncommitted changes)" : ""));
    }
    fact(html, "Ran", batch.onCodeBuild() ? "on AWS CodeBuild" : "on the local runner");
    if (batch.start() != null) {
      fact(html, "Started", "<time datetime=\"" + batch.start() + "\">" + esc(Cells.PEOPLE.time(batch.start(), zone)) + "</time>");
      fact(html, "Took", esc(Cells.PEOPLE.duration(Duration.between(batch.start(), batch.end() == null ? now : batch.end()))));
    }
    results.builds().stream().filter(r -> r.build().start() != null && r.build().end() != null)
        .max(Comparator.comparing(r -> Duration.between(r.build().start(), r.build().end())))
        .ifPresent(r -> fact(html, "Slowest", esc(r.build().label()) + ", "
            + esc(Cells.PEOPLE.duration(Duration.between(r.build().start(), r.build().end())))));
    long failed = results.failures();
    fact(html, "Builds", results.builds().size() + (failed == 0 ? "" : ", " + failed + " failed")
        + (results.skipped() == 0 ? "" : ", " + results.skipped() + " never ran"));
    html.append("</dl>\n</header>\n");
  }

  private static void fact(StringBuilder html, String name, String value) {
    html.append("<div><dt>").append(name).append("</dt><dd>").append(value).append("</dd></div>\n");
  }

  private static void table(StringBuilder html, BatchResults results, Function<BuildRun, Optional<Path>> archive, Path page, Instant now) {
    html.append("<section aria-labelledby=\"builds\">\n<h2 id=\"builds\">Platforms</h2>\n<div class=\"scroll\">\n<table>\n")
        .append("<caption>One row per build: its status, how long it ran, and the archive it made.</caption>\n")
        .append("<thead><tr><th scope=\"col\">Platform</th><th scope=\"col\">Status</th><th scope=\"col\">Duration</th>")
        .append("<th scope=\"col\">Archive</th><th scope=\"col\" class=\"num\">Size</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n");
    for (BatchResults.Result r : results.builds()) {
      BuildRun b = r.build();
      BuildRun.Artifact a = b.artifact();
      html.append("<tr><th scope=\"row\">").append(esc(b.label())).append("</th>")
          .append("<td><span class=\"status ").append(statusClass(b.succeeded(), b.statusValue().isTerminal())).append("\">").append(esc(b.status()))
          .append("</span>").append(r.failedPhase() == null ? "" : " in " + esc(r.failedPhase())).append("</td>")
          .append("<td>").append(b.elapsed(now).map(d -> esc(Cells.PEOPLE.duration(d))).orElse("")).append("</td><td>");
      if (a != null) {
        String name = fileName(a.location());
        Optional<Path> local = archive.apply(b);
        if (local.isPresent()) {
          html.append("<a href=\"").append(esc(href(page, local.get()))).append("\">").append(esc(name)).append("</a>");
        } else {
          html.append("<span title=\"").append(esc(a.location())).append("\">").append(esc(name)).append("</span>");
        }
      }
      html.append("</td><td class=\"num\">").append(a == null || a.size() < 0 ? "" : esc(Cells.PEOPLE.bytes(a.size()))).append("</td><td>");
      if (a != null && a.sha256() != null) {
        html.append("<code class=\"sha\">").append(esc(a.sha256())).append("</code>");
      }
      html.append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n</div>\n</section>\n");
  }

  private static void failures(StringBuilder html, BatchResults results) {
    List<BatchResults.Result> failed = results.builds().stream().filter(r -> r.failed() || r.skipped()).toList();
    if (failed.isEmpty()) {
      return;
    }
    html.append("<section aria-labelledby=\"failures\">\n<h2 id=\"failures\">What failed</h2>\n");
    for (BatchResults.Result r : failed) {
      BuildRun b = r.build();
      html.append("<article class=\"failure\">\n<h3>").append(esc(b.label())).append(": ").append(esc(b.status()))
          .append(r.failedPhase() == null ? "" : " in " + esc(r.failedPhase())).append("</h3>\n<p>")
          .append(esc(r.reason() == null ? (b.message() == null ? "it never ran" : b.message()) : r.reason())).append("</p>\n");
      if (!r.lastLines().isEmpty()) {
        html.append("<p class=\"hint\">The last ").append(r.lastLines().size()).append(" lines of its log")
            .append(b.log() == null ? "" : " (<code>" + esc(b.log()) + "</code>)").append(":</p>\n<pre>");
        r.lastLines().forEach(l -> html.append(esc(l)).append('\n'));
        html.append("</pre>\n");
      }
      html.append("</article>\n");
    }
    html.append("</section>\n");
  }

  static String statusClass(boolean succeeded, boolean ended) {
    return succeeded ? "ok" : ended ? "bad" : "running";
  }

  /** The link from the page's folder to a file, with '/' and each part percent-encoded where a URL needs it. */
  static String href(Path page, Path file) {
    Path from = page.toAbsolutePath().normalize().getParent();
    Path relative = from.relativize(file.toAbsolutePath().normalize());
    StringBuilder link = new StringBuilder();
    for (Path part : relative) {
      if (link.length() > 0) {
        link.append('/');
      }
      link.append(java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return link.toString();
  }

  /** The file's name at the end of a path or an S3 location. */
  public static String fileName(String location) {
    int slash = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
    return slash < 0 ? location : location.substring(slash + 1);
  }

  /** Text for HTML: the five characters that could end an element or an attribute, escaped. */
  public static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\t' && c != '\n' ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  /** The phases of a build for the timeline: its own, or the whole run as one when it has none. */
  static List<PhaseRecord> phases(BuildRun b, Instant now) {
    if (!b.phases().isEmpty()) {
      return b.phases();
    }
    return b.start() == null ? List.of() : List.of(new PhaseRecord("RUN", b.status(), b.start(), b.end() == null ? now : b.end(), null));
  }
}
