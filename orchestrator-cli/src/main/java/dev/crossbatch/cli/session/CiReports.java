package dev.crossbatch.cli.session;

import dev.crossbatch.cli.ci.GitHubActions;
import dev.crossbatch.cli.ci.JUnitXml;
import dev.crossbatch.core.batch.BatchResults;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildService;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.IoErrors;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What an ended batch leaves for CI besides the exit code: the JUnit XML of --junit, and under
 * GitHub Actions an error annotation per failed build and a table in the step summary. Nothing is
 * read (no details, no logs) when neither is asked for.
 */
public final class CiReports {
  private CiReports() {}

  /**
   * @param junit where --junit writes, null without it
   * @param end the batch; one still running (status) gets its JUnit XML, its builds not ended yet
   *     written as skipped, and nothing for GitHub until it has ended
   */
  public static void ended(CliContext context, BuildService service, BatchSnapshot end, Path junit) {
    boolean github = GitHubActions.on(context.environment()) && end.complete();
    if (junit == null && !github) {
      return;
    }
    BatchResults results = BatchResults.read(service, end);
    if (junit != null) {
      AtomicFiles.write(junit, JUnitXml.of(results, hostname(context), context.clock().instant()));
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

  /** --junit's file, checked before anything runs: a folder that is not there is a usage error, not a lost report. */
  public static Path junitFile(CliContext context, String given) {
    if (given == null) {
      return null;
    }
    Path file = context.resolve(given);
    if (Files.isDirectory(file) || file.getParent() != null && !Files.isDirectory(file.getParent())) {
      throw CrossbatchException.usage("--junit " + given + ": " + (Files.isDirectory(file) ? "a folder" : "no folder " + file.getParent()),
          "give a file in a folder that exists, e.g. --junit build/crossbatch-junit.xml");
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
