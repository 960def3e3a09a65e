package dev.crossbatch.cli.options;

import dev.crossbatch.cli.session.Backend;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.batch.BuildService;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.local.LocalBuildService;
import java.nio.file.attribute.FileTime;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * watch, status, stop, retry and logs: which batch (the one named, else the last one started
 * here) and which backend runs it.
 */
public final class BatchSelection {
  @Parameters(paramLabel = "BATCH", arity = "0..1", description = "batch id (default: the last one started here)")
  String batchId;

  @Mixin BackendChoice backend;

  /** A batch, the backend that runs it, and its config. */
  public record Selected(ProjectConfig config, Backend backend, BuildService service, String id) {}

  /**
   * Without --local or --codebuild: a named batch is local if this folder ran it, else on
   * CodeBuild when codebuild.project is set; no name means the batch started last from here,
   * whichever backend ran it.
   */
  public Selected select(Session session, Consumer<String> notices) {
    ProjectConfig config = session.batchProject();
    if (batchId != null && batchId.indexOf(':') < 1) {
      throw CrossbatchException.usage("'" + batchId + "' is not a batch id (ids look like PROJECT:UUID)",
          "'crossbatch batches' lists them" + (batchId.contains("/") ? "; name a platform with --platform" : ""));
    }
    LocalBuildService local = session.local(config, notices);
    Backend chosen = backend.chosen().orElseGet(() -> guess(session, config, local));
    BuildService service = chosen == Backend.LOCAL ? local : session.codebuild(config, backend.aws().settings());
    String id = batchId != null ? batchId : service.lastBatch().orElseThrow(() -> CrossbatchException.usage(
        "no batch was started from here yet" + (chosen == Backend.CODEBUILD ? " on CodeBuild" : ""),
        "start one with 'crossbatch start' (or 'crossbatch release'), or pass a batch id ('crossbatch batches' lists them)"));
    return new Selected(config, chosen, service, id);
  }

  private Backend guess(Session session, ProjectConfig config, LocalBuildService local) {
    if (!config.codebuild().hasProject()) {
      return Backend.LOCAL;
    }
    if (batchId != null) {
      return local.has(batchId) ? Backend.LOCAL : Backend.CODEBUILD;
    }
    FileTime localSince = local.memory().since().orElse(FileTime.fromMillis(0));
    FileTime remoteSince = session.codebuild(config, backend.aws().settings()).memory().since().orElse(FileTime.fromMillis(0));
    return localSince.compareTo(remoteSince) > 0 ? Backend.LOCAL : Backend.CODEBUILD;
  }
}
