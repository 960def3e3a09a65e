package dev.crossbatch.cli.session;

import dev.crossbatch.cli.ci.GitHubActions;
import dev.crossbatch.cli.ci.JUnitXml;
import dev.crossbatch.cli.report.HtmlReport;
import dev.crossbatch.core.batch.BatchResults;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.BuildService;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.IoErrors;
import dev.crossbatch.core.release.CodeBuildCollector;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What an ended batch leaves besides the exit code: the JUnit XML of --junit, a release's
 * report.html, and under GitHub Actions an error annotation per failed build and a table in the
 * step summary. The builds' details and failed logs are read once for all of them, and not at all
 * when none is asked for.
 */
public final class EndReports {
  private EndReports() {}

  /**
   * @param junit where --junit writes, null without it
   * @param end the batch; one still running (status) gets its JUnit XML, its builds not ended yet
   *     written as skipped, and nothing for GitHub until it has ended
   */
  public static void ended(CliContext context, BuildService service, BatchSnapshot end, Path junit) {
    ended(context, service, end, junit, null, null);
  }

  /**
   * @param html where a release writes report.html, null for none
   * @param dist the output folder, where archives of S3 keys are looked for to link them
   */
  public static void ended(CliContext context, BuildService service, BatchSnapshot end, Path junit, Path html, Path dist) {
    boolean github = GitHubActions.on(context.environment()) && end.complete();
    if (junit == null && html == null && !github) {
      return;
    }
    BatchResults results = BatchResults.read(service, end);
    if (junit != null) {
      AtomicFiles.write(junit, JUnitXml.of(results, hostname(context), context.clock().instant()));
    }
    if (html != null) {
      writeHtml(context, results, html, dist);
    }
    if (github) {
      GitHubActions.failures(results, context.workDir()).forEach(context.err()::println);
      context.err().flush();
      String summary = context.environment().get(GitHubActions.SUMMARY_VARIABLE);
      if (summary != null && !summary.isBlank()) {
        Path file = Path.of(summary);
        try {
          Files.writeString(file, GitHubActions.summary(results, context.clock().instant()), StandardCharsets.UTF_8,
              StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw IoErrors.cannot("append the step summary to", file, e);
        }
      }
    }
  }

  /** report.html of {@code results} at {@code file}, written whole or not at all. */
  public static void writeHtml(CliContext context, BatchResults results, Path file, Path dist) {
    AtomicFiles.write(file, HtmlReport.render(results, build -> localArchive(build, dist), file, context.clock().getZone(),
        context.clock().instant(), "crossbatch " + VersionProvider.version()));
  }

  /** Where a build's archive is here: its own path (local builds), or its S3 key under dist/ (a release on CodeBuild downloaded it there). */
  static java.util.Optional<Path> localArchive(BuildRun build, Path dist) {
    BuildRun.Artifact a = build.artifact();
    if (a == null) {
      return java.util.Optional.empty();
    }
    Path file;
    if (a.location().startsWith("arn:")) {
      java.util.Optional<CodeBuildCollector.S3Location> s3 = CodeBuildCollector.S3Location.parse(a.location());
      if (dist == null || s3.isEmpty()) {
        return java.util.Optional.empty();
      }
      file = dist.resolve(s3.get().key()).normalize();
      if (!file.startsWith(dist.normalize())) {
        return java.util.Optional.empty();
      }
    } else {
      file = Path.of(a.location());
    }
    return Files.isRegularFile(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
  }

  /** --junit's file, checked before anything runs: a folder that is not there is a usage error, not a lost report. */
  public static Path junitFile(CliContext context, String given) {
    return given == null ? null : reportFile(context, "--junit", given, "build/crossbatch-junit.xml");
  }

  /**
   * A report's file as an option gives it, checked before anything runs: a folder, or a file in a
   * folder that does not exist, is a usage error naming the option, not a report lost at the end.
   */
  public static Path reportFile(CliContext context, String option, String given, String example) {
    Path file = context.resolve(given);
    if (Files.isDirectory(file) || file.getParent() != null && !Files.isDirectory(file.getParent())) {
      throw CrossbatchException.usage(option + " " + given + ": " + (Files.isDirectory(file) ? "a folder" : "no folder " + file.getParent()),
          "give a file in a folder that exists, e.g. " + option + " " + example);
    }
    return file;
  }

  private static String hostname(CliContext context) {
    String name = context.environment().get("HOSTNAME");
    if (name != null && !name.isBlank()) {
      return name;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
