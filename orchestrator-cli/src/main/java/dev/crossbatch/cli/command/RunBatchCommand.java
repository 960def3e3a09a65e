package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.BatchOptions;
import dev.crossbatch.cli.options.OwnBuildspec;
import dev.crossbatch.cli.session.Detached;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.local.LocalBuildService;
import dev.crossbatch.core.release.StartBatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The background runner of {@code start --local}: prints the batch id, then runs it, saying nothing more. */
@Command(name = Detached.COMMAND, hidden = true)
public final class RunBatchCommand implements Callable<Integer> {

  private final Session session;

  RunBatchCommand(Session session) {
    this.session = session;
  }

  @Mixin BatchOptions batch;

  @Mixin OwnBuildspec own;

  @Override
  public Integer call() {
    ProjectConfig config = own.project(session);
    LocalBuildService service = session.local(config, notice -> session.context().err().println("note: " + notice));
    BatchRequest request = own.localRequest(session, batch, config);
    AtomicBoolean told = new AtomicBoolean();
    BatchSnapshot end;
    try (Interrupts.Registration stop = session.context().interrupts().onInterrupt(service::stopAll)) {
      end = StartBatch.local(service, request, session.waiting(batch.waitLock()), "crossbatch start --local", s -> {
        // the first snapshot comes once the batch's state is saved: only then is its id handed out
        if (told.compareAndSet(false, true)) {
          session.context().out().println(Detached.HANDSHAKE + s.id());
          session.context().out().close();
        }
      });
    }
    return end.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
