package dev.crossbatch.cli.command;

import dev.crossbatch.core.source.Commit;
import dev.crossbatch.cli.Backend;
import dev.crossbatch.cli.BatchOptions;
import dev.crossbatch.cli.CrossbatchCommand;
import dev.crossbatch.cli.ExitCodes;
import dev.crossbatch.cli.Interrupts;
import dev.crossbatch.cli.GlobalOptions;
import dev.crossbatch.cli.ServiceFactory;
import dev.crossbatch.cli.render.BatchTable;
import dev.crossbatch.cli.render.BatchView;
import dev.crossbatch.cli.render.Json;
import dev.crossbatch.cli.render.SnapshotJson;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.local.LocalBatch;
import dev.crossbatch.core.local.LocalBuildService;
import dev.crossbatch.core.release.Release;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "release",
    description = {
      "Build every platform and collect the zips, SHA256SUMS and manifest.json.",
      "Generates the buildspec if it is stale, runs the batch (on this machine unless codebuild.project is set),"
          + " verifies each zip and writes SHA256SUMS and manifest.json next to the zips in local.output (dist/)."
          + " On CodeBuild it starts the batch, follows it, then downloads each build's zip from the S3 location"
          + " CodeBuild reports, checked against CodeBuild's SHA-256; --publish also puts SHA256SUMS and manifest.json"
          + " beside the zips in S3. Exits 0 only if every build without ignore-failure succeeded."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch release",
      "  crossbatch release --platform linux/amd64 --platform darwin/arm64",
      "  crossbatch release --dry-run",
      "  crossbatch release --allow-dirty --parallel 2",
      "  crossbatch release --codebuild --publish --timeout 60"
    })
public final class ReleaseCommand implements Callable<Integer> {
  @ParentCommand CrossbatchCommand root;

  @Mixin BatchOptions batch;

  @Option(names = "--dry-run", description = "print the plan; run nothing and write nothing")
  boolean dryRun;

  @Option(names = "--publish", description = "CodeBuild: also upload NAME_COMMIT7_SHA256SUMS and NAME_COMMIT7_manifest.json next to the zips in S3")
  boolean publish;

  @Option(names = "--timeout", paramLabel = "MINUTES", description = "CodeBuild: give up (exit 1) if the batch is still running after this long; it keeps running")
  Integer timeout;

  @Override
  public Integer call() throws Exception {
    ServiceFactory factory = new ServiceFactory(root);
    ProjectConfig config = factory.config();
    if (batch.backend(config) == Backend.CODEBUILD) {
      CodeBuildRelease release = new CodeBuildRelease(root, factory, config, batch);
      if (dryRun) {
        return release.run(true, publish, WaitOptions.minutes(timeout));
      }
      // dist/ is this release's from the start: the zips CodeBuild builds come here
      try (OutputLock output = factory.local(config, n -> { }).lockOutput("crossbatch release on CodeBuild", factory.waiting(batch.waitLock()))) {
        return release.run(false, publish, WaitOptions.minutes(timeout));
      }
    }
    if (publish) {
      throw CrossbatchException.usage("--publish uploads SHA256SUMS and manifest.json next to the zips in S3; a local release keeps them in "
          + config.local().output() + "/", "drop --publish, or release on CodeBuild (--codebuild, with codebuild.project set)");
    }
    if (timeout != null) {
      throw CrossbatchException.usage("--timeout is for releases on CodeBuild", "limit each local build with --build-timeout instead");
    }
    try (BatchView view = factory.view()) {
      LocalBuildService service = factory.local(config, view::notice);
      Release.Request request = batch.request(dryRun, factory.tools());
      Release.Result result;
      try (Interrupts.Registration stop = root.context().interrupts().onInterrupt(service::stopAll)) {
        result = root.crossbatch().release(config, service, request, factory.waiting(batch.waitLock()), view::update);
      }
      view.close();
      return dryRun ? plan(result) : report(result, factory);
    }
  }

  private int plan(Release.Result result) {
    LocalBatch b = result.plan().batch();
    PrintWriter out = root.context().out();
    if (root.global().output() == GlobalOptions.Output.json) {
      Map<String, Object> plan = new LinkedHashMap<>();
      plan.put("commit", b.commit());
      plan.put("version", b.version());
      plan.put("dirty", b.dirty());
      plan.put("parallelism", b.parallelism());
      plan.put("builds", b.plan().stream().map(PlannedBuild::identifier).toList());
      plan.put("generated", result.generated().stream().map(f -> Map.of("path", f.path(), "state", f.state().name().toLowerCase(java.util.Locale.ROOT))).toList());
      out.println(Json.write(Map.of("plan", plan)));
      return ExitCodes.OK;
    }
    out.println("would release " + result.plan().request().config().name() + " " + b.version() + " from commit " + Commit.abbreviate(b.commit())
        + (b.dirty() ? " with uncommitted changes" : "") + " on this machine, " + b.parallelism() + " build(s) at a time:");
    for (PlannedBuild p : b.plan()) {
      out.println("  " + p.identifier() + (p.dependsOn().isEmpty() ? "" : " (after " + String.join(", ", p.dependsOn()) + ")"));
    }
    result.generated().stream().filter(f -> f.state() != Generation.State.UNCHANGED)
        .forEach(f -> out.println("would regenerate " + f.path() + " (" + f.state().name().toLowerCase(java.util.Locale.ROOT) + ")"));
    out.println("nothing was run or written (--dry-run)");
    return ExitCodes.OK;
  }

  private int report(Release.Result result, ServiceFactory factory) {
    PrintWriter out = root.context().out();
    factory.reportGenerated(result.generated());
    if (root.global().output() == GlobalOptions.Output.json) {
      Map<String, Object> json = new LinkedHashMap<>(SnapshotJson.of(result.batch()));
      json.put("checksums", result.sums() == null ? null : result.sums().toString());
      json.put("manifest", result.manifest() == null ? null : result.manifest().toString());
      out.println(Json.write(json));
    } else if (!root.global().quiet()) {
      factory.summary(result.batch());
      out.println();
    }
    if (root.context().interrupts().interrupted()) {
      root.context().err().println("crossbatch: release interrupted; every build was stopped and no SHA256SUMS was written");
      return ExitCodes.INTERRUPTED;
    }
    if (!result.succeeded()) {
      BatchTable.failures(result.batch(), root.context().workDir()).forEach(root.context().err()::println);
      long failed = result.batch().builds().stream().filter(b -> b.counts() && !b.succeeded()).count();
      root.context().err().println("crossbatch: release failed: " + failed + " of " + result.batch().builds().size()
          + " builds did not succeed; no SHA256SUMS was written");
      return ExitCodes.FAILED;
    }
    if (!root.global().quiet() && root.global().output() != GlobalOptions.Output.json) {
      List<String> failedIgnored = BatchTable.failures(result.batch(), root.context().workDir());
      failedIgnored.forEach(out::println);
      out.println(BatchTable.released(result.plan().request().config().name(), result.batch(), result.artifacts().size(), result.sums(),
          result.manifest(), result.earlier().size(), root.context().workDir()));
    }
    return ExitCodes.OK;
  }
}
