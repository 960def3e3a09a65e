package dev.crossbatch.core.release;

import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.artifact.Downloader;
import dev.crossbatch.core.batch.BatchPlan;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BatchTracker;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.batch.RemoteBatches;
import dev.crossbatch.core.batch.Watch;
import dev.crossbatch.core.buildspec.BuildspecGenerator;
import dev.crossbatch.core.buildspec.BuildspecReader;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.signing.ReleaseSigner;
import dev.crossbatch.core.source.Commit;
import dev.crossbatch.core.time.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code crossbatch release} on CodeBuild: generate if stale, start the batch, follow it, then
 * collect each build's zip from where CodeBuild reports it, verified against CodeBuild's SHA-256,
 * into the output folder with SHA256SUMS and manifest.json; {@code publish} puts both beside the
 * zips in S3. The caller holds the output folder while this runs.
 */
public final class CodeBuildRelease {
  /**
   * @param timeout give up following after this long (null: no limit); the batch keeps running
   * @param tools versions recorded in manifest.json
   */
  /** @param signer signs SHA256SUMS and manifest.json, here and what --publish uploads; empty for an unsigned release */
  public record Request(Release.Request release, boolean publish, Duration timeout, BatchTracker.Polling polling, Map<String, String> tools,
      Optional<ReleaseSigner> signer) {
    public Request(Release.Request release, boolean publish, Duration timeout, BatchTracker.Polling polling, Map<String, String> tools) {
      this(release, publish, timeout, polling, tools, Optional.empty());
    }
  }

  /** What the release does, as it does it. */
  public interface Listener {
    /** Something worth a warning before the batch starts (uncommitted changes left out, an unpushed commit). */
    void warning(String text);

    /** The generated files this release rewrote: the user commits them. */
    void generated(List<Generation.FileResult> files);

    void started(BatchSnapshot started);

    /** Each look at the batch while it runs. */
    Watch.Listener watching();

    /** The batch ended (with its details); the downloads, if it succeeded, come next. */
    void ended(BatchSnapshot end);

    /** The downloads of the zips. */
    Downloader.Listener downloads();
  }

  /**
   * A dry run: what would be started and collected.
   *
   * @param publishTo where --publish would put SHA256SUMS and manifest.json; null without --publish
   */
  public record Plan(CodeBuildStart.Plan start, List<PlannedBuild> builds, List<Generation.FileResult> generated, String dest,
      String publishTo, String sums, String manifest) {
    /** The commit, short; the source version when it names no commit this clone knows. */
    public String commit() {
      return start.commit() == null ? start.request().sourceVersion() : Commit.abbreviate(start.commit());
    }
  }

  /**
   * The outcome: the ended batch and, when it succeeded, what was written.
   *
   * @param written null when the batch did not succeed (nothing was downloaded)
   * @param unverified zips CodeBuild reported no SHA-256 for: only their size was checked
   */
  public record Result(BatchSnapshot batch, Release.Written written, int artifacts, List<String> published, long unverified, List<Path> signatures) {
    public boolean succeeded() {
      return written != null;
    }
  }

  private CodeBuildRelease() {}

  public static Plan plan(ProjectConfig config, Request request) {
    CodeBuildStart.Plan start = CodeBuildStart.prepare(config, request.release(), false);
    List<PlannedBuild> builds = BatchPlan.expand(BuildspecReader.read(start.request().buildspec(), BuildspecGenerator.BUILDSPEC));
    String where = config.codebuild().bucket() == null ? "the project's artifact bucket"
        : "s3://" + config.codebuild().bucket() + "/" + (config.codebuild().prefix().isEmpty() ? "" : config.codebuild().prefix() + "/");
    String base = config.name() + "_" + (start.commit() == null ? start.request().sourceVersion() : Commit.abbreviate(start.commit())) + "_";
    return new Plan(start, builds, Generation.check(config, Generation.render(config)), config.local().output(),
        request.publish() ? where : null, base + Checksums.FILE, base + Manifest.FILE);
  }

  /**
   * Runs the release to its end. Interrupting the calling thread ends the following or the
   * downloads; the batch on CodeBuild runs on.
   *
   * @param buckets a store rooted at the named bucket, for where builds put their zips
   */
  public static Result run(ProjectConfig config, RemoteBatches service, Function<String, ArtifactStore> buckets, Request request,
      Listener listener, Sleeper sleeper, Clock clock) {
    CodeBuildStart.Plan plan = CodeBuildStart.prepare(config, request.release(), false);
    plan.notices().forEach(listener::warning);
    if (request.release().clean()) {
      CleanOutput.empty(config); // the caller holds the folder
    }
    listener.generated(Generation.write(config, Generation.render(config)));
    BatchSnapshot started = service.start(plan.request());
    listener.started(started);
    BatchSnapshot end = Watch.run(service, new Watch.Request(started.id(), request.polling(), request.timeout()), listener.watching(), sleeper, clock);
    listener.ended(end);
    if (!end.succeeded()) {
      return new Result(end, null, 0, List.of(), 0, List.of());
    }
    List<CodeBuildCollector.Located> located = CodeBuildCollector.locate(end, buckets);
    Path dist = Layout.of(config).outputDir();
    CodeBuildCollector.Collected collected;
    try {
      collected = CodeBuildCollector.download(located, dist, buckets, Downloader.Options.DEFAULT, sleeper, listener.downloads());
    } catch (CrossbatchException e) {
      if (e.kind() != ErrorKind.INTERRUPTED) {
        throw e;
      }
      // another release would start another batch: this one's zips are already built
      throw new CrossbatchException(ErrorKind.INTERRUPTED, "release interrupted while downloading the zips of batch " + end.id()
          + ", which succeeded; no SHA256SUMS was written", "get its zips with 'crossbatch artifacts download --commit "
          + Commit.abbreviate(end.commit()) + "' (checked against CodeBuild's SHA-256, kept here)", e);
    }
    ReleaseFiles.Finished finished = ReleaseFiles.write(dist, config, Manifest.of(config, end, request.tools(), collected.artifacts()), end,
        request.signer());
    Manifest manifest = finished.manifest();
    Release.Written written = finished.written();
    List<Path> signatures = finished.signatures();
    List<String> published = request.publish() ? CodeBuildCollector.publish(manifest, located, buckets, request.signer(), dist) : List.of();
    long unverified = collected.outcomes().stream().filter(o -> o.verifiedBy() == null).count();
    return new Result(end, written, collected.artifacts().size(), published, unverified, signatures);
  }
}
