package dev.crossbatch.cli;

import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.local.LocalBuildService;
import java.util.function.Consumer;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** watch, status and stop: which batch (the one named, else the last one started here) and its backend. */
public final class BatchSelection {
  @Parameters(paramLabel = "BATCH", arity = "0..1", description = "batch id (default: the last one started here)")
  String batchId;

  @Option(names = "--local", description = "a batch of the local backend (the default without codebuild.project)")
  boolean local;

  /** A batch, the backend that runs it, and its config. */
  public record Selected(ProjectConfig config, LocalBuildService service, String id) {}

  public Selected select(ServiceFactory factory, Consumer<String> notices) {
    ProjectConfig config = factory.config();
    factory.requireLocal(config, local);
    LocalBuildService service = factory.local(config, notices);
    return new Selected(config, service, factory.batchId(service, batchId));
  }
}
