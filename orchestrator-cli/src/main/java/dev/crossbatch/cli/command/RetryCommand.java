package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.BatchSelection;
import dev.crossbatch.cli.options.WaitOptions;
import dev.crossbatch.cli.render.Plural;
import dev.crossbatch.cli.render.json.RetryJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.RetryBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "retry",
    description = {
      "Run the failed builds of an ended CodeBuild batch again, in the same batch (RETRY_FAILED_BUILDS).",
      "Without BATCH: the last batch started from here. The batch keeps its id; each retried build counts"
          + " one more attempt. --wait follows it to the end like watch."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch retry",
      "  crossbatch retry hello-release:1f2e3d4c-... --wait"
    })
public final class RetryCommand implements Callable<Integer> {
  private final Session session;

  RetryCommand(Session session) {
    this.session = session;
  }

  @Mixin BatchSelection target;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
        BatchSelection.Selected batch = target.select(session, n -> {});
    Duration timeout = wait.timeout();
    RetryBatch.Result result = RetryBatch.run(batch.service(), batch.id());
    BatchSnapshot retried = result.batch();
    List<String> again = result.retried();
    if (session.output().json() && !wait.await()) {
      session.output().json(new RetryJson(retried.id(), again));
    } else if (!session.output().quiet()) {
      session.context().out().println("retrying " + Plural.of(again.size(), "build") + " of " + retried.id() + ": " + String.join(", ", again));
    }
    return wait.await() ? session.ended(batch.service(), session.follow(batch.service(), batch.backend(), retried.id(), timeout), null) : ExitCodes.OK;
  }
}
