package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.BackendChoice;
import dev.crossbatch.cli.render.Listings;
import dev.crossbatch.cli.render.json.BatchRowJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.ListBatches;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "batches",
    description = {
      "List the project's recent batches, newest first: id, status, commit, version, start and duration.",
      "On CodeBuild: the batches of codebuild.project (two API calls); locally: those under .crossbatch/."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch batches",
      "  crossbatch batches --limit 3 --output json | jq -r '.[0].batch'",
      "  crossbatch batches --local"
    })
public final class BatchesCommand implements Callable<Integer> {

  private final Session session;

  BatchesCommand(Session session) {
    this.session = session;
  }

  @Mixin BackendChoice backend;

  @Option(names = "--limit", paramLabel = "N", description = "how many (1 to 100, default: 10)")
  int limit = 10;

  @Override
  public Integer call() {
    if (limit < 1 || limit > ListBatches.MAX) {
      throw CrossbatchException.usage("--limit " + limit + ": give a number from 1 to " + ListBatches.MAX, "e.g. --limit 20");
    }
    ProjectConfig config = session.batchProject();
    List<BatchSnapshot> recent = ListBatches.run(session.service(backend.orDefault(config), config, backend.aws().settings(), n -> {}), limit);
    if (session.output().json()) {
      session.output().json(recent.stream().map(BatchRowJson::of).toList());
      return ExitCodes.OK;
    }
    if (recent.isEmpty()) {
      session.context().err().println("no batches yet; start one with 'crossbatch start'");
      return ExitCodes.OK;
    }
    session.output().table(Listings.BATCH_HEADERS, Listings.batches(recent, session.context().clock(), session.output().cells()), 0);
    return ExitCodes.OK;
  }
}
