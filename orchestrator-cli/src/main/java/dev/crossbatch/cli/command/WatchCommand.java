package dev.crossbatch.cli.command;

import dev.crossbatch.cli.CrossbatchCommand;
import dev.crossbatch.cli.ServiceFactory;
import dev.crossbatch.cli.render.BatchView;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BatchTracker;
import dev.crossbatch.core.batch.Sleeper;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.local.LocalBuildService;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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

  @Parameters(paramLabel = "BATCH", arity = "0..1", description = "batch id (default: the last one started here)")
  String batchId;

  @Option(names = "--timeout", paramLabel = "MINUTES", description = "give up (exit 1) if the batch is still running after this long")
  Integer timeout;

  @Option(names = "--local", description = "a batch of the local backend (the default without codebuild.project)")
  boolean local;

  @Override
  public Integer call() throws Exception {
    ServiceFactory factory = new ServiceFactory(root);
    ProjectConfig config = factory.config();
    factory.requireLocal(config, local);
    try (BatchView view = factory.view()) {
      LocalBuildService service = factory.local(config, view::notice);
      String id = factory.batchId(service, batchId);
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
