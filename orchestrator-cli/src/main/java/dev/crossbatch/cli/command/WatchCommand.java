package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.BatchSelection;
import dev.crossbatch.cli.options.JunitOption;
import dev.crossbatch.cli.options.WaitOptions;
import dev.crossbatch.cli.session.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "watch",
    description = {
      "Follow a batch to its end: live table on a terminal, lines otherwise.",
      "Without BATCH: the last batch started from here. Exits 0 if the batch succeeded, 1 if not;"
          + " Ctrl-C stops watching, not the batch. On CodeBuild each look is one BatchGetBuildBatches call,"
          + " every 3 s at first and then every 30 s."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch watch",
      "  crossbatch watch hello-release:1f2e3d4c-... --timeout 30",
      "  crossbatch watch --codebuild --region eu-west-1 --output json"
    })
public final class WatchCommand implements Callable<Integer> {
  private final Session session;

  WatchCommand(Session session) {
    this.session = session;
  }

  @Mixin BatchSelection target;

  @Mixin JunitOption junit;

  @Option(names = "--timeout", paramLabel = "MINUTES", description = "give up (exit 1) if the batch is still running after this long")
  Integer timeout;

  @Override
  public Integer call() throws Exception {
        BatchSelection.Selected batch = target.select(session, n -> session.context().err().println("note: " + n));
    java.nio.file.Path report = junit.file(session.context());
    return session.ended(batch.service(), session.follow(batch.service(), batch.backend(), batch.id(), WaitOptions.minutes(timeout)), report);
  }
}
