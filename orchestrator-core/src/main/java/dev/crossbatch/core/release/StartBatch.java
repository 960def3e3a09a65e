package dev.crossbatch.core.release;

import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.RemoteBatches;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.local.LocalBuildService;
import java.util.function.Consumer;

/** The start use case: a batch of crossbatch.yml's builds, on CodeBuild or on this machine, without collecting anything. */
public final class StartBatch {
  /** A batch started on CodeBuild, and the plan it was started from (commit, version, request). */
  public record Started(CodeBuildStart.Plan plan, BatchSnapshot batch) {}

  private StartBatch() {}

  /**
   * Starts the batch on CodeBuild and returns at once.
   *
   * @param projectBuildspec run the buildspec the project names instead of the rendered one
   * @param warnings what is worth saying before it starts (uncommitted changes left out, an unpushed commit)
   */
  public static Started onCodeBuild(ProjectConfig config, RemoteBatches service, Release.Request request, boolean projectBuildspec,
      Consumer<String> warnings) {
    CodeBuildStart.Plan plan = CodeBuildStart.prepare(config, request, projectBuildspec);
    plan.notices().forEach(warnings);
    return new Started(plan, service.start(plan.request()));
  }

  /**
   * Runs the batch on this machine to its end, holding the output folder all along (a second run
   * of it waits or is refused). The first snapshot comes once the batch's state is saved, so its
   * id can be handed out from then on.
   *
   * @param request the batch: {@link Release#batchRequest} of crossbatch.yml, or {@link Release#ownBuildspec}
   * @param what who holds the folder, as a waiting run is told ("crossbatch start --local")
   */
  public static BatchSnapshot local(LocalBuildService service, BatchRequest request, OutputLock.Waiting waiting,
      String what, Consumer<BatchSnapshot> progress) {
    try (OutputLock output = service.lockOutput(what, waiting)) {
      LocalBuildService.Prepared prepared = service.prepare(request);
      output.describe(what + " of batch " + prepared.id());
      return service.run(prepared, progress);
    }
  }
}
