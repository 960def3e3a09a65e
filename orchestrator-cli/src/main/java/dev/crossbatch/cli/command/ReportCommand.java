package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.BatchSelection;
import dev.crossbatch.cli.render.BatchTable;
import dev.crossbatch.cli.render.json.ReportJson;
import dev.crossbatch.cli.session.EndReports;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.batch.BatchResults;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.config.Layout;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    description = {
      "Write a batch's HTML report: one self-contained page to open in a browser.",
      "Per platform its status, duration, archive (linked when it is on this machine), size and SHA-256;"
          + " for a failed build the phase it failed in and its log's last lines; and a timeline of every"
          + " build's phases, which shows the slowest platform and the time spent queued. Every release"
          + " writes one as report.html beside SHA256SUMS. Without BATCH: the last batch started from here."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch report",
      "  crossbatch report hello-release:1f2e3d4c-... -o batch.html",
      "  crossbatch report --codebuild -o report.html && xdg-open report.html"
    })
public final class ReportCommand implements Callable<Integer> {
  private final Session session;

  ReportCommand(Session session) {
    this.session = session;
  }

  @Mixin BatchSelection target;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "where to write it (default: report.html here)")
  String out = "report.html";

  @Override
  public Integer call() {
    Path file = EndReports.reportFile(session.context(), "-o", out, "report.html");
    BatchSelection.Selected batch = target.select(session, n -> {});
    BatchSnapshot snapshot = batch.service().describe(batch.id());
    BatchResults results = BatchResults.read(batch.service(), snapshot);
    Path dist = session.hasConfig() ? Layout.of(session.batchProject()).outputDir() : null;
    EndReports.writeHtml(session.context(), results, file, dist);
    if (session.output().json()) {
      session.output().json(new ReportJson(file.toString(), snapshot.id(), snapshot.status()));
    } else {
      session.output().result("wrote " + BatchTable.relative(session.context().workDir(), file) + " (batch " + snapshot.id() + ", "
          + snapshot.status() + ")");
    }
    return ExitCodes.OK;
  }
}
