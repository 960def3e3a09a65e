package dev.crossbatch.cli.command;

import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.source.Commit;
import dev.crossbatch.cli.Backend;
import dev.crossbatch.cli.BatchOptions;
import dev.crossbatch.cli.CliContext;
import dev.crossbatch.cli.CrossbatchCommand;
import dev.crossbatch.cli.ExitCodes;
import dev.crossbatch.cli.GlobalOptions;
import dev.crossbatch.cli.Interrupts;
import dev.crossbatch.cli.ServiceFactory;
import dev.crossbatch.cli.VersionProvider;
import dev.crossbatch.cli.render.BatchTable;
import dev.crossbatch.cli.render.DownloadProgress;
import dev.crossbatch.cli.render.Json;
import dev.crossbatch.cli.render.SnapshotJson;
import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.artifact.Downloader;
import dev.crossbatch.core.aws.CodeBuildBuildService;
import dev.crossbatch.core.aws.S3ArtifactStore;
import dev.crossbatch.core.batch.BatchPlan;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.buildspec.BuildspecGenerator;
import dev.crossbatch.core.buildspec.BuildspecReader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.release.CodeBuildCollector;
import dev.crossbatch.core.release.CodeBuildStart;
import dev.crossbatch.core.release.Manifest;
import dev.crossbatch.core.release.Release;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code crossbatch release} on CodeBuild: generate if stale, start the batch, follow it, then
 * collect each build's zip from where CodeBuild reports it, verified against CodeBuild's SHA-256,
 * into dist/ with SHA256SUMS and manifest.json; {@code --publish} puts both beside the zips in S3.
 */
final class CodeBuildRelease {
  private final CrossbatchCommand root;
  private final ServiceFactory factory;
  private final ProjectConfig config;
  private final BatchOptions batch;

  CodeBuildRelease(CrossbatchCommand root, ServiceFactory factory, ProjectConfig config, BatchOptions batch) {
    this.root = root;
    this.factory = factory;
    this.config = config;
    this.batch = batch;
  }

  int run(boolean dryRun, boolean publish, Integer timeoutMinutes) throws Exception {
    batch.checkForCodeBuild();
    CodeBuildBuildService service = factory.codebuild(config, batch.aws());
    List<Generation.FileResult> generated = dryRun ? Generation.check(config, Generation.render(config)) : List.of();
    CodeBuildStart.Plan plan = CodeBuildStart.prepare(config, batch.request(dryRun, Map.of()), false);
    plan.notices().forEach(n -> root.context().err().println("crossbatch: warning: " + n));
    if (dryRun) {
      return plan(service, plan, generated, publish);
    }
    factory.reportGenerated(Generation.write(config, Generation.render(config)));
    BatchSnapshot started = service.start(plan.request());
    PrintWriter out = root.context().out();
    boolean json = root.global().output() == GlobalOptions.Output.json;
    if (!json && !root.global().quiet()) {
      out.println("started " + started.id() + " on CodeBuild project " + service.project() + ", " + started.builds().size() + " build(s)");
      out.println("  " + service.consoleLink(started.id()));
      out.flush();
    }
    BatchSnapshot end = factory.follow(service, Backend.CODEBUILD, started.id(), timeoutMinutes);
    CliContext c = root.context();
    if (!json && !root.global().quiet()) {
      factory.summary(end);
      out.println();
    }
    if (!end.succeeded()) {
      if (json) {
        out.println(Json.write(SnapshotJson.of(end)));
      }
      BatchTable.failures(end, c.workDir()).forEach(c.err()::println);
      long failed = end.builds().stream().filter(b -> b.counts() && !b.succeeded()).count();
      c.err().println("crossbatch: release failed: batch " + end.id() + " " + end.status().toLowerCase(Locale.ROOT)
          + (failed > 0 ? ", " + failed + " of " + end.builds().size() + " builds did not succeed" : "") + "; nothing was downloaded");
      return ExitCodes.FAILED;
    }
    return collect(end, publish, json);
  }

  private int collect(BatchSnapshot end, boolean publish, boolean json) {
    CliContext c = root.context();
    PrintWriter out = c.out();
    Function<String, ArtifactStore> buckets = bucketStores();
    List<CodeBuildCollector.Located> located = CodeBuildCollector.locate(end, buckets);
    Path dist = Layout.of(config).outputDir();
    boolean quiet = root.global().quiet() || json;
    CodeBuildCollector.Collected collected;
    Thread main = Thread.currentThread();
    try (DownloadProgress progress = factory.downloadProgress(quiet);
        Interrupts.Registration stop = c.interrupts().onInterrupt(main::interrupt)) {
      collected = CodeBuildCollector.download(located, dist, buckets, Downloader.Options.DEFAULT, c.sleeper(), progress);
    } catch (CrossbatchException e) {
      if (e.kind() != ErrorKind.INTERRUPTED) {
        throw e;
      }
      // another release would start another batch: this one's zips are already built
      throw new CrossbatchException(ErrorKind.INTERRUPTED, "release interrupted while downloading the zips of batch " + end.id()
          + ", which succeeded; no SHA256SUMS was written", "get its zips with 'crossbatch artifacts download --commit "
          + Commit.abbreviate(end.commit()) + "' (checked against CodeBuild's SHA-256, kept here)", e);
    }
    Map<String, String> tools = new LinkedHashMap<>();
    tools.put("crossbatch", VersionProvider.version());
    tools.put("codebuild-image", config.codebuild().image());
    Manifest manifest = Manifest.of(config, end, tools, collected.artifacts());
    Release.Written written = Release.write(dist, manifest, config);
    List<String> published = publish ? CodeBuildCollector.publish(manifest, located, buckets) : List.of();
    long unverified = collected.outcomes().stream().filter(o -> o.verifiedBy() == null).count();
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>(SnapshotJson.of(end));
      result.put("checksums", written.sums().toString());
      result.put("manifest", written.manifest().toString());
      result.put("published", published);
      out.println(Json.write(result));
    } else if (!root.global().quiet()) {
      out.println(BatchTable.released(config.name(), end, collected.artifacts().size(), written.sums(), written.manifest(), written.earlier().size(),
          c.workDir()));
      published.forEach(p -> out.println("published " + p));
    }
    if (unverified > 0) {
      c.err().println("crossbatch: warning: CodeBuild reported no SHA-256 for " + unverified + " zip(s); only their size was checked");
    }
    return ExitCodes.OK;
  }

  /** One S3 store per bucket a build reports, rooted at the bucket, sharing the process's AWS clients. */
  private Function<String, ArtifactStore> bucketStores() {
    Map<String, ArtifactStore> stores = new HashMap<>();
    return bucket -> stores.computeIfAbsent(bucket, b -> new S3ArtifactStore(root.aws(batch.aws().settings(), config.codebuild().region()), b, ""));
  }

  private int plan(CodeBuildBuildService service, CodeBuildStart.Plan plan, List<Generation.FileResult> generated, boolean publish) {
    List<PlannedBuild> builds = BatchPlan.expand(BuildspecReader.read(plan.request().buildspec(), BuildspecGenerator.BUILDSPEC));
    String dist = config.local().output();
    String where = config.codebuild().bucket() == null ? "the project's artifact bucket"
        : "s3://" + config.codebuild().bucket() + "/" + (config.codebuild().prefix().isEmpty() ? "" : config.codebuild().prefix() + "/");
    PrintWriter out = root.context().out();
    if (root.global().output() == GlobalOptions.Output.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("backend", "codebuild");
      json.put("project", service.project());
      json.put("sourceVersion", plan.request().sourceVersion());
      json.put("commit", plan.commit());
      json.put("version", plan.version());
      json.put("builds", builds.stream().map(PlannedBuild::identifier).toList());
      json.put("dest", dist);
      json.put("publish", publish ? where : null);
      json.put("generated", generated.stream().map(f -> Map.of("path", f.path(), "state", f.state().name().toLowerCase(Locale.ROOT))).toList());
      out.println(Json.write(Map.of("plan", json)));
      return ExitCodes.OK;
    }
    String commit = plan.commit() == null ? plan.request().sourceVersion() : Commit.abbreviate(plan.commit());
    out.println("would release " + config.name() + (plan.version() == null ? "" : " " + plan.version()) + " from commit " + commit
        + " on CodeBuild project " + service.project() + ", " + builds.size() + " build(s):");
    for (PlannedBuild p : builds) {
      out.println("  " + p.identifier() + (p.dependsOn().isEmpty() ? "" : " (after " + String.join(", ", p.dependsOn()) + ")"));
    }
    generated.stream().filter(f -> f.state() != Generation.State.UNCHANGED)
        .forEach(f -> out.println("would regenerate " + f.path() + " (" + f.state().name().toLowerCase(Locale.ROOT) + ")"));
    out.println("then download each build's zip from where CodeBuild reports it, check it against CodeBuild's SHA-256,");
    out.println("and write " + dist + "/" + Checksums.FILE + " and " + dist + "/" + Manifest.FILE);
    if (publish) {
      out.println("and publish " + config.name() + "_" + commit + "_" + Checksums.FILE + " and " + config.name() + "_" + commit + "_" + Manifest.FILE
          + " next to the zips in " + where);
    }
    out.println("nothing was started or written (--dry-run)");
    return ExitCodes.OK;
  }
}
