package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.BatchOptions;
import dev.crossbatch.cli.options.JunitOption;
import dev.crossbatch.cli.options.WaitOptions;
import dev.crossbatch.cli.render.BatchReport;
import dev.crossbatch.cli.render.BatchTable;
import dev.crossbatch.cli.render.BatchView;
import dev.crossbatch.cli.render.DownloadProgress;
import dev.crossbatch.cli.render.Following;
import dev.crossbatch.cli.render.Output;
import dev.crossbatch.cli.render.Plural;
import dev.crossbatch.cli.render.ReleaseReport;
import dev.crossbatch.cli.render.json.BatchJson;
import dev.crossbatch.cli.render.json.ReleaseJson;
import dev.crossbatch.cli.session.Backend;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.EndReports;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.cli.session.ReleaseKeys;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.cli.session.VersionProvider;
import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.artifact.Downloader;
import dev.crossbatch.core.aws.CodeBuildBuildService;
import dev.crossbatch.core.aws.S3ArtifactStore;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildService;
import dev.crossbatch.core.batch.Watch;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.local.LocalBatch;
import dev.crossbatch.core.local.LocalBuildService;
import dev.crossbatch.core.release.CodeBuildRelease;
import dev.crossbatch.core.release.PlannedArchives;
import dev.crossbatch.core.release.Release;
import dev.crossbatch.core.release.ToolVersions;
import dev.crossbatch.core.signing.ReleaseSigner;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "release",
    description = {
      "Build every platform and collect the zips, their SBOMs, the provenance, SHA256SUMS and manifest.json.",
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
  private final Session session;

  ReleaseCommand(Session session) {
    this.session = session;
  }

  @Mixin BatchOptions batch;

  @Mixin JunitOption junit;

  /** Refused with the reason (not in --help): a release is crossbatch.yml's archives, names and checksums. */
  @Option(names = "--buildspec", paramLabel = "FILE", hidden = true)
  String buildspec;

  @Option(names = "--sign-key", paramLabel = "FILE",
      description = "sign SHA256SUMS, manifest.json and the provenance with this minisign secret key, or kms:ARN for an ECC_NIST_P256 or ECC_NIST_EDWARDS25519 key in KMS (default: sign.key of crossbatch.yml); see keygen")
  String signKey;

  @Option(names = "--clean", description = "empty the output folder (local.output, dist/) first, as GoReleaser's --clean does")
  boolean clean;

  @Option(names = "--dry-run", description = "print the plan; run nothing and write nothing")
  boolean dryRun;

  @Option(names = "--publish", description = "CodeBuild: also upload the SBOMs, the provenance, NAME_COMMIT7_SHA256SUMS and NAME_COMMIT7_manifest.json (signed with --sign-key) next to the zips in S3, the manifest last")
  boolean publish;

  @Option(names = "--timeout", paramLabel = "MINUTES", description = "CodeBuild: give up (exit 1) if the batch is still running after this long; it keeps running")
  Integer timeout;

  @Override
  public Integer call() {
    if (buildspec != null) {
      throw CrossbatchException.usage("release names, checks and lists each platform's archive as crossbatch.yml says; a buildspec of your own"
          + " has no such archives", "run it with 'crossbatch start --local --wait --buildspec FILE', or write a crossbatch.yml ('crossbatch init')");
    }
    ProjectConfig config = session.config();
    ReleaseReport.skipped(session.output(), config.skippedPlatforms());
    session.configWarnings().forEach(w -> session.output().err().println(w));
    String keyReference = signKey != null ? signKey : config.signingKey();
    Path key = keyReference == null || ReleaseKeys.inKms(keyReference) ? null
        : signKey != null ? session.context().resolve(signKey) : config.dir().resolve(config.signingKey());
    // the key is opened before anything runs: a wrong password, or a KMS key that cannot sign, costs nothing
    CliContext c = session.context();
    Optional<ReleaseSigner> signer = keyReference == null || dryRun ? Optional.empty()
        : Optional.of(new ReleaseSigner(ReleaseKeys.signing(session, keyReference, key, batch.aws().settings(), config.codebuild().region()), c.clock()));
    if (batch.backend(config) == Backend.CODEBUILD) {
      return onCodeBuild(config, signer, keyReference, key);
    }
    if (publish) {
      throw CrossbatchException.usage("--publish uploads SHA256SUMS and manifest.json next to the zips in S3; a local release keeps them in "
          + config.local().output() + "/", "drop --publish, or release on CodeBuild (--codebuild, with codebuild.project set)");
    }
    if (timeout != null) {
      throw CrossbatchException.usage("--timeout is for releases on CodeBuild", "limit each local build with --build-timeout instead");
    }
    Output output = session.output();
    Release.Result result;
    Path report = junit.file(c);
    LocalBuildService service;
    try (BatchView view = session.view()) {
      service = session.local(config, view::notice);
      Release.Request request = batch.request(dryRun, clean, ToolVersions.localAsked(VersionProvider.version()));
      try (Interrupts.Registration stop = c.interrupts().onInterrupt(service::stopAll)) {
        result = Release.run(config, service, request, session.waiting(batch.waitLock()), view::update, signer);
      }
    }
    if (dryRun) {
      LocalBatch planned = result.prepared().batch();
      ReleaseReport.plan(output, config.name(), config.skippedPlatforms(), result, PlannedArchives.of(config, planned.commit(), planned.version()),
          Layout.of(config).outputDir(), clean, session.context().workDir());
      return ExitCodes.OK;
    }
    ReleaseReport.regenerated(output, result.generated());
    reports(config, service, result.batch(), report);
    ReleaseReport.outcome(output, config.name(), result.batch(), result.artifacts().size(), result.succeeded() ? result.sums() : null,
        result.manifest(), result.earlier().size(), c.workDir(), this::summary, result.signatures());
    if (c.interrupts().interrupted()) {
      output.say("release interrupted; every build was stopped and no SHA256SUMS was written");
      return ExitCodes.INTERRUPTED;
    }
    if (!result.succeeded()) {
      output.say(ReleaseReport.failure(result.batch()));
      return ExitCodes.FAILED;
    }
    signer.ifPresent(s -> ReleaseReport.signed(output, result.signatures(), s.publicKey(), keyReference, key, c.workDir()));
    return ExitCodes.OK;
  }

  private int onCodeBuild(ProjectConfig config, Optional<ReleaseSigner> signer, String keyReference, Path key) {
    batch.checkForCodeBuild();
    Path report = junit.file(session.context());
    Output output = session.output();
    CodeBuildBuildService service = session.codebuild(config, batch.aws().settings());
    CodeBuildRelease.Request request = new CodeBuildRelease.Request(batch.request(dryRun, clean, Map.of()), publish, WaitOptions.minutes(timeout),
        Backend.CODEBUILD.polling(), ToolVersions.codebuild(VersionProvider.version(), config.codebuild().image()), signer);
    if (dryRun) {
      CodeBuildRelease.Plan plan = CodeBuildRelease.plan(config, request);
      plan.start().notices().forEach(output::warning);
      ReleaseReport.plan(output, config.name(), service.project(), config.skippedPlatforms(), plan);
      return ExitCodes.OK;
    }
    CliContext c = session.context();
    CodeBuildRelease.Result result;
    // dist/ is this release's from the start: the zips CodeBuild builds come here
    try (OutputLock held = session.local(config, n -> { }).lockOutput("crossbatch release on CodeBuild", session.waiting(batch.waitLock()));
        Following following = session.following(Backend.CODEBUILD);
        DownloadProgress progress = session.downloadProgress(!output.forPeople())) {
      Thread main = Thread.currentThread();
      try (Interrupts.Registration stop = c.interrupts().onInterrupt(main::interrupt)) {
        result = CodeBuildRelease.run(config, service, buckets(config), request, new CodeBuildRelease.Listener() {
          @Override
          public void warning(String text) {
            output.warning(text);
          }

          @Override
          public void generated(List<Generation.FileResult> files) {
            ReleaseReport.regenerated(output, files);
          }

          @Override
          public void started(BatchSnapshot started) {
            output.line("started " + started.id() + " on CodeBuild project " + service.project() + ", " + Plural.of(started.builds().size(), "build"));
            output.line("  " + service.consoleLink(started.id()));
            output.out().flush();
          }

          @Override
          public Watch.Listener watching() {
            return following;
          }

          @Override
          public void ended(BatchSnapshot end) {
            following.close();
            if (output.summaries()) {
              summary(end);
            }
            if (output.forPeople()) {
              output.out().println();
            }
          }

          @Override
          public Downloader.Listener downloads() {
            return progress;
          }
        }, c.sleeper(), c.clock());
      }
    }
    reports(config, service, result.batch(), report);
    int exit = reportCodeBuild(config, result);
    signer.ifPresent(s -> ReleaseReport.signed(output, result.signatures(), s.publicKey(), keyReference, key, c.workDir()));
    return exit;
  }

  private int reportCodeBuild(ProjectConfig config, CodeBuildRelease.Result result) {
    Output output = session.output();
    CliContext c = session.context();
    BatchSnapshot end = result.batch();
    if (!result.succeeded()) {
      if (output.json()) {
        output.json(BatchJson.of(end));
      }
      BatchTable.failures(end, c.workDir()).forEach(output.err()::println);
      output.say(ReleaseReport.failure(end));
      return ExitCodes.FAILED;
    }
    Release.Written written = result.written();
    if (output.json()) {
      output.json(ReleaseJson.of(BatchJson.of(end), written.sums(), written.manifest(), result.published(), result.signatures()));
    } else if (output.forPeople()) {
      output.out().println(BatchTable.released(config.name(), end, result.artifacts(), written.sums(), written.manifest(),
          written.earlier().size(), c.workDir()));
      result.published().forEach(p -> output.out().println("published " + p));
    }
    if (result.unverified() > 0) {
      output.warning("CodeBuild reported no SHA-256 for " + Plural.of(result.unverified(), "zip") + "; only " + (result.unverified() == 1 ? "its" : "their") + " size was checked");
    }
    return ExitCodes.OK;
  }

  /** --junit's file, report.html in the output folder, and what GitHub Actions shows; where report.html is, for people. */
  private void reports(ProjectConfig config, BuildService service, BatchSnapshot end, Path junitFile) {
    Path dist = Layout.of(config).outputDir();
    EndReports.ended(session.context(), service, end, junitFile, dist.resolve(ReleaseReport.HTML), dist);
    session.output().detail("report: " + BatchTable.relative(session.context().workDir(), dist.resolve(ReleaseReport.HTML)));
  }

  /** One S3 store per bucket a build reports, rooted at the bucket, sharing the process's AWS clients. */
  private Function<String, ArtifactStore> buckets(ProjectConfig config) {
    Map<String, ArtifactStore> stores = new HashMap<>();
    return bucket -> stores.computeIfAbsent(bucket, b -> new S3ArtifactStore(session.aws(batch.aws().settings(), config.codebuild().region()), b, ""));
  }

  private void summary(BatchSnapshot end) {
    BatchReport.summary(session.output(), end, session.context().clock().instant(), session.context().workDir(), session.columns().getAsInt());
  }
}
