package dev.crossbatch.cli.command;

import dev.crossbatch.cli.BatchSelection;
import dev.crossbatch.cli.CrossbatchCommand;
import dev.crossbatch.cli.ServiceFactory;
import dev.crossbatch.cli.render.BatchView;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BatchTracker;
import dev.crossbatch.core.batch.Sleeper;
import dev.crossbatch.core.local.LocalBuildService;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "watch",
    description = {
      "Follow a batch to its end: live table on a terminal, lines otherwise.",
      "Without BATCH: the last batch started from here. Exits 0 if the batch succeeded, 1 if not;"
          + " Ctrl-C stops watching, not the batch."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch watch",
      "  crossbatch watch hello-release:1f2e3d4c-... --timeout 30"
    })
public final class WatchCommand implements Callable<Integer> {
  @ParentCommand CrossbatchCommand root;

  @Mixin BatchSelection target;

  @Option(names = "--timeout", paramLabel = "MINUTES", description = "give up (exit 1) if the batch is still running after this long")
  Integer timeout;

  @Override
  public Integer call() throws Exception {
    ServiceFactory factory = new ServiceFactory(root);
    try (BatchView view = factory.view()) {
      BatchSelection.Selected batch = target.select(factory, view::notice);
      LocalBuildService service = batch.service();
      String id = batch.id();
      Thread watcher = Thread.currentThread();
      BatchSnapshot end;
      try (AutoCloseable stop = root.context().interrupts().onInterrupt(watcher::interrupt)) {
        end = BatchTracker.follow(() -> service.describe(id), view::update, BatchTracker.Polling.fixed(Duration.ofMillis(500)),
            Sleeper.real(), root.context().clock(), timeout == null ? null : Duration.ofMinutes(timeout));
      }
      view.close();
      return factory.finished(end);
    }
  }
}
