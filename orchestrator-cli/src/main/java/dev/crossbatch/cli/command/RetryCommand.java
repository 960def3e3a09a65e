package dev.crossbatch.cli.command;

import dev.crossbatch.cli.BatchSelection;
import dev.crossbatch.cli.CrossbatchCommand;
import dev.crossbatch.cli.ExitCodes;
import dev.crossbatch.cli.GlobalOptions;
import dev.crossbatch.cli.ServiceFactory;
import dev.crossbatch.cli.render.Json;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

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
  @ParentCommand CrossbatchCommand root;

  @Mixin BatchSelection target;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    ServiceFactory factory = new ServiceFactory(root);
    BatchSelection.Selected batch = target.select(factory, n -> {});
    Integer minutes = wait.timeout();
    BatchSnapshot retried = batch.service().retry(batch.id());
    List<String> again = retried.builds().stream().filter(b -> !b.statusValue().isTerminal()).map(BuildRun::label).toList();
    if (root.global().output() == GlobalOptions.Output.json && !wait.await()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("batch", retried.id());
      json.put("retried", again);
      root.context().out().println(Json.write(json));
    } else if (!root.global().quiet()) {
      root.context().out().println("retrying " + again.size() + " build(s) of " + retried.id() + ": " + String.join(", ", again));
    }
    return wait.await() ? factory.watch(batch.service(), batch.backend(), retried.id(), minutes) : ExitCodes.OK;
  }
}
