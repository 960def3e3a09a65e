package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.BatchSelection;
import dev.crossbatch.cli.options.JunitOption;
import dev.crossbatch.cli.render.BatchTable;
import dev.crossbatch.cli.render.Cells;
import dev.crossbatch.cli.render.Output;
import dev.crossbatch.cli.render.Table;
import dev.crossbatch.cli.render.json.BatchJson;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.EndReports;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.ShowBatch;
import dev.crossbatch.core.batch.Status;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "status",
    description = {
      "Show a batch once: its status and one row per build.",
      "Without BATCH: the last batch started from here. Exits 1 if the batch failed or was stopped, else 0."
          + " --output json prints the snapshot documented in docs/output-json.md. On CodeBuild: one"
          + " BatchGetBuildBatches call, and one BatchGetBuilds once the batch has ended (for phases and SHA-256)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch status",
      "  crossbatch status --output json | jq '.builds[] | {platform, status}'",
      "  crossbatch status hello-release:1f2e3d4c-... \\",
      "      --codebuild --region eu-west-1"
    })
public final class StatusCommand implements Callable<Integer> {
  private final Session session;

  StatusCommand(Session session) {
    this.session = session;
  }

  @Mixin BatchSelection target;

  @Mixin JunitOption junit;

  @Override
  public Integer call() {
    java.nio.file.Path report = junit.file(session.context());
    BatchSelection.Selected batch = target.select(session, n -> {});
    BatchSnapshot s = ShowBatch.run(batch.service(), batch.id());
    PrintWriter out = session.context().out();
    CliContext c = session.context();
    Instant now = c.clock().instant();
    if (session.output().json()) {
      session.output().json(BatchJson.of(s));
    } else if (session.output().format() == Output.Format.text) {
      // rows alone, as the table has them; the batch's own status is the exit code's
      session.output().table(List.of(), s.complete() ? BatchTable.summary(s, now, c.workDir(), Cells.MACHINE) : BatchTable.rows(s, now, Cells.MACHINE), 0);
      BatchTable.failures(s, c.workDir()).forEach(session.output().err()::println);
    } else {
      out.println(BatchTable.header(s));
      if (s.complete() && !s.succeeded() && s.message() != null) {
        out.println("  " + s.message());
      }
      Table.print(out, s.complete() ? BatchTable.SUMMARY_HEADERS : BatchTable.HEADERS,
          s.complete() ? BatchTable.summary(s, now, c.workDir(), Cells.PEOPLE) : BatchTable.rows(s, now, Cells.PEOPLE));
      BatchTable.failures(s, c.workDir()).forEach(out::println);
    }
    EndReports.ended(c, batch.service(), s, report);
    Status status = s.statusValue();
    return status == Status.IN_PROGRESS || status == Status.SUCCEEDED ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
