package dev.crossbatch.cli.options;

import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.artifact.ArtifactFilter;
import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.aws.S3ArtifactStore;
import dev.crossbatch.core.batch.BatchMemory;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.Names;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.local.LocalArtifactStore;
import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.platform.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What artifacts list and download share: which store, and which artifacts in it. */
public final class ArtifactOptions {
  @Option(names = "--commit", paramLabel = "SHA", description = "only this commit: 7 to 40 hex characters")
  String commit;

  @Option(names = "--version", paramLabel = "VERSION", description = "only this release version (git describe: v1.30.1), as its name or manifest.json says")
  String version;

  // --version names a release here, so picocli leaves out the inherited -h/--help and -V/--version: help comes back on its own
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--platform", paramLabel = "OS/ARCH", description = "only this platform (linux/arm64, linux/arm/v7); repeat for more")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--latest", description = "only the newest commit present")
  boolean latest;

  @Option(names = "--bucket", paramLabel = "NAME", description = "the S3 bucket (default: codebuild.bucket); with it no crossbatch.yml is needed")
  String bucket;

  @Option(names = "--prefix", paramLabel = "PREFIX", description = "the key prefix in the bucket (default: codebuild.prefix)")
  String prefix;

  @Option(names = "--local", description = "the local store (local.output, dist/) instead of S3")
  boolean local;

  @Mixin AwsOptions aws;

  public ArtifactFilter filter() {
    List<Platform> parsed = new ArrayList<>();
    for (String p : platforms) {
      try {
        parsed.add(KnownPlatforms.parse(p));
      } catch (KnownPlatforms.UnknownPlatformException e) {
        throw CrossbatchException.usage("--platform: " + e.getMessage(), "e.g. --platform linux/arm64");
      }
    }
    return new ArtifactFilter(commit, parsed, latest, version);
  }

  public boolean namesACommit() {
    return commit != null || latest || version != null;
  }

  /**
   * Where the artifacts are and how they are named.
   *
   * @param name the binary's name, null for any (no crossbatch.yml)
   * @param config crossbatch.yml, null when --bucket stands in for it
   */
  public record Source(ArtifactStore store, ArtifactName naming, String name, ProjectConfig config) {
    /** What this project remembers of its CodeBuild batches (their SHA-256s); empty without a config. */
    public Optional<BatchMemory> memory() {
      return config == null ? Optional.empty() : Session.memory(config);
    }

    public String region() {
      return config == null ? null : config.codebuild().region();
    }
  }

  /**
   * crossbatch.yml's store and naming; without one, given --bucket, the bucket's zips of any name
   * named the default way ({@code {name}_{os}_{arch}{variant}_{commit7}}), as a download needs
   * nothing else from the config.
   */
  public Source source(Session session) {
    if (!session.hasConfig() && !local) {
      if (bucket == null) {
        throw CrossbatchException.usage("no " + session.configName() + " to say where the artifacts are (looked for "
            + session.context().resolve(session.configName()) + ")", "name the bucket: --bucket NAME [--prefix PREFIX], or pass --config FILE");
      }
      return new Source(s3(bucket, prefix == null ? "" : prefix, session, null), ArtifactName.defaultName(), null, null);
    }
    ProjectConfig config = session.config();
    return new Source(store(config, session), config.artifact(), config.name(), config);
  }

  /** S3 when a bucket is known (--bucket or codebuild.bucket) and --local is not given, else dist/. */
  private ArtifactStore store(ProjectConfig config, Session session) {
    String chosenBucket = bucket != null ? bucket : config.codebuild().bucket();
    String chosenPrefix = prefix != null ? prefix : config.codebuild().prefix();
    if (local || chosenBucket == null) {
      if (bucket != null) {
        throw CrossbatchException.usage("--local and --bucket exclude each other", "pick one");
      }
      checkPrefix();
      Path output = Layout.of(config).outputDir();
      return new LocalArtifactStore(chosenPrefix == null || chosenPrefix.isEmpty() ? output : output.resolve(chosenPrefix));
    }
    return s3(chosenBucket, chosenPrefix == null ? "" : chosenPrefix, session, config.codebuild().region());
  }

  private ArtifactStore s3(String chosenBucket, String chosenPrefix, Session session, String configRegion) {
    checkPrefix();
    Names.checkBucket(chosenBucket).ifPresent(problem -> {
      throw CrossbatchException.usage("--bucket " + problem, "e.g. --bucket my-releases");
    });
    return new S3ArtifactStore(session.aws(aws.settings(), configRegion), chosenBucket, chosenPrefix);
  }

  private void checkPrefix() {
    if (prefix != null && !prefix.isEmpty()) {
      Names.checkPrefix(prefix).ifPresent(problem -> {
        throw CrossbatchException.usage("--prefix " + problem, "e.g. --prefix releases/hello");
      });
    }
  }

  /** The AWS settings the options give (--region, --profile, --endpoint-url). */
  public dev.crossbatch.core.aws.AwsSettings awsSettings() {
    return aws.settings();
  }
}
