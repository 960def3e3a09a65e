package dev.crossbatch.cli.command;

import dev.crossbatch.cli.session.Session;
import dev.crossbatch.cli.options.BatchSelection;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BatchTracker;
import dev.crossbatch.core.batch.BuildService;
import dev.crossbatch.core.batch.Status;
import java.io.PrintWriter;
import java.time.Duration;
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
  static final Duration STOPPING = Duration.ofMinutes(10);

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
    BuildService service = batch.service();
    String id = batch.id();
    PrintWriter out = session.context().out();
    BatchSnapshot before = service.stop(id);
    if (before.complete()) {
      // CodeBuild answers a stop with the batch already STOPPED and complete; any other final
      // status means the batch ended before the stop was asked for.
      out.println(before.statusValue() == Status.STOPPED
          ? "batch " + id + " STOPPED"
          : "batch " + id + " had already ended: " + before.status());
      return ExitCodes.OK;
    }
    if (noWait) {
      out.println("stopping batch " + id + " (" + before.status() + "); 'crossbatch status' shows when it has stopped");
      return ExitCodes.OK;
    }
    BatchSnapshot end = BatchTracker.follow(() -> service.describe(id), s -> {}, batch.backend().polling(),
        session.context().sleeper(), session.context().clock(), STOPPING);
    out.println("batch " + id + " " + end.status());
    return ExitCodes.OK;
  }
}
