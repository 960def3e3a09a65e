package dev.crossbatch.cli.options;

import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.EndReports;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --junit FILE of the commands that see a batch end (release, watch, status). */
public final class JunitOption {
  @Option(names = "--junit", paramLabel = "FILE",
      description = "also write the batch as JUnit XML, one test case per build, failures with their phase and last log lines (CI test reports)")
  String junit;

  /** The file, checked before anything runs; null without --junit. */
  public Path file(CliContext context) {
    return EndReports.junitFile(context, junit);
  }
}
