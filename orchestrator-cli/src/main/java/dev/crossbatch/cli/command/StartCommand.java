package dev.crossbatch.cli.command;

import dev.crossbatch.cli.BatchOptions;
import dev.crossbatch.cli.CrossbatchCommand;
import dev.crossbatch.cli.ExitCodes;
import dev.crossbatch.cli.GlobalOptions;
import dev.crossbatch.cli.ServiceFactory;
import dev.crossbatch.cli.render.BatchView;
import dev.crossbatch.cli.render.Json;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.local.LocalBuildService;
import dev.crossbatch.core.release.Release;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "start",
    description = {
      "Start a batch and return its id; --wait follows it to the end like watch.",
      "The batch runs the buildspec crossbatch.yml generates, on this machine (--local, the default"
          + " without codebuild.project) in the background. watch, status and stop find it without an id."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch start --local",
      "  crossbatch start --local --wait --platform linux/arm64",
      "  crossbatch start --local --source-version v1.2.0 --env GOFLAGS=-mod=vendor"
    })
public final class StartCommand implements Callable<Integer> {
  @ParentCommand CrossbatchCommand root;

  @Mixin BatchOptions batch;

  @Option(names = "--wait", description = "follow the batch to its end; exit 0 only if it succeeded")
  boolean await;

  @Override
  public Integer call() throws Exception {
    ServiceFactory factory = new ServiceFactory(root);
    ProjectConfig config = factory.config();
    batch.backend(config);
    if (!await) {
      List<String> args = new ArrayList<>(List.of("--config", config.file().toAbsolutePath().toString()));
      args.addAll(batch.arguments());
      Path log = config.dir().resolve(".crossbatch").resolve("runner.log");
      String id = factory.startDetached(args, log);
      if (root.global().output() == GlobalOptions.Output.json) {
        root.context().out().println(Json.write(Map.of("batch", id, "backend", "local")));
      } else {
        root.context().out().println("started " + id);
        if (!root.global().quiet()) {
          root.context().out().println("follow it with: crossbatch watch   (status, stop)");
        }
      }
      return ExitCodes.OK;
    }
    Release.Request request = batch.request(false, Map.of());
    try (BatchView view = factory.view()) {
      LocalBuildService service = factory.local(config, view::notice);
      LocalBuildService.Prepared prepared = service.prepare(Release.batchRequest(config, request));
      BatchSnapshot end;
      try (AutoCloseable stop = root.context().interrupts().onInterrupt(service::stopAll)) {
        end = service.run(prepared, view::update);
      }
      view.close();
      return factory.finished(end);
    }
  }
}
