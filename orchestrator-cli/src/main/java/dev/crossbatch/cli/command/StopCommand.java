package dev.crossbatch.cli.command;

import dev.crossbatch.cli.BatchSelection;
import dev.crossbatch.cli.CrossbatchCommand;
import dev.crossbatch.cli.ExitCodes;
import dev.crossbatch.cli.ServiceFactory;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BatchTracker;
import dev.crossbatch.core.batch.Sleeper;
import dev.crossbatch.core.local.LocalBuildService;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "stop",
    description = {
      "Stop a batch: running builds and their processes are killed, the others never start.",
      "Without BATCH: the last batch started from here. Waits until the batch has stopped."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch stop",
      "  crossbatch stop hello-release:1f2e3d4c-..."
    })
public final class StopCommand implements Callable<Integer> {
  @ParentCommand CrossbatchCommand root;

  @Mixin BatchSelection target;

  @Override
  public Integer call() {
    BatchSelection.Selected batch = target.select(new ServiceFactory(root), n -> {});
    LocalBuildService service = batch.service();
    String id = batch.id();
    BatchSnapshot before = service.stop(id);
    if (before.complete()) {
      root.context().out().println("batch " + id + " had already ended: " + before.status());
      return ExitCodes.OK;
    }
    BatchSnapshot end = BatchTracker.follow(() -> service.describe(id), s -> {}, BatchTracker.Polling.fixed(Duration.ofMillis(200)),
        Sleeper.real(), root.context().clock(), Duration.ofMinutes(2));
    root.context().out().println("batch " + id + " " + end.status());
    return ExitCodes.OK;
  }
}
