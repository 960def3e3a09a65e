package dev.crossbatch.cli.command;

import dev.crossbatch.cli.BatchOptions;
import dev.crossbatch.cli.CrossbatchCommand;
import dev.crossbatch.cli.ExitCodes;
import dev.crossbatch.cli.Interrupts;
import dev.crossbatch.cli.ServiceFactory;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.local.LocalBuildService;
import dev.crossbatch.core.release.Release;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** The background runner of {@code start --local}: prints the batch id, then runs it, saying nothing more. */
@Command(name = RunBatchCommand.NAME, hidden = true)
public final class RunBatchCommand implements Callable<Integer> {
  public static final String NAME = "__run-batch";

  @ParentCommand CrossbatchCommand root;

  @Mixin BatchOptions batch;

  @Override
  public Integer call() throws Exception {
    ServiceFactory factory = new ServiceFactory(root);
    ProjectConfig config = factory.config();
    LocalBuildService service = factory.local(config, notice -> root.context().err().println("note: " + notice));
    Release.Request request = batch.request(false, Map.of());
    AtomicBoolean told = new AtomicBoolean();
    BatchSnapshot end;
    try (OutputLock output = service.lockOutput("crossbatch start --local", factory.waiting(batch.waitLock()))) {
      LocalBuildService.Prepared prepared = service.prepare(Release.batchRequest(config, request));
      output.describe("crossbatch start --local of batch " + prepared.id());
      try (Interrupts.Registration stop = root.context().interrupts().onInterrupt(service::stopAll)) {
        end = service.run(prepared, s -> {
          // the first snapshot comes once the batch's state is saved: only then is its id handed out
          if (told.compareAndSet(false, true)) {
            root.context().out().println("batch " + prepared.id());
            root.context().out().close();
          }
        });
      }
    }
    return end.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
