package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.BatchSelection;
import dev.crossbatch.cli.render.Output;
import dev.crossbatch.cli.render.json.StopJson;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.batch.StopBatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "stop",
    description = {
      "Stop a batch: running builds are stopped, the others never start.",
      "Without BATCH: the last batch started from here. Waits until the batch has stopped"
          + " (at most 10 minutes), unless --no-wait. Exits 0 once the batch has ended."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch stop",
      "  crossbatch stop hello-release:1f2e3d4c-... --no-wait"
    })
public final class StopCommand implements Callable<Integer> {
  private final Session session;

  StopCommand(Session session) {
    this.session = session;
  }

  @Mixin BatchSelection target;

  @Option(names = "--no-wait", description = "return once the stop is asked for, without waiting for the builds to stop")
  boolean noWait;

  @Override
  public Integer call() {
    BatchSelection.Selected batch = target.select(session, n -> {});
    String id = batch.id();
    CliContext c = session.context();
    StopBatch.Result result = StopBatch.run(batch.service(), new StopBatch.Request(id, !noWait, batch.backend().polling()), c.sleeper(), c.clock());
    Output output = session.output();
    if (output.json()) {
      output.json(new StopJson(id, result.before().status(), result.end() == null ? null : result.end().status(), result.endedBefore()));
    } else if (result.end() == null) {
      output.out().println("stopping batch " + id + " (" + result.before().status() + "); 'crossbatch status' shows when it has stopped");
    } else if (result.endedBefore()) {
      output.out().println("batch " + id + " had already ended: " + result.before().status());
    } else {
      output.out().println("batch " + id + " " + result.end().status());
    }
    return ExitCodes.OK;
  }
}
