package dev.crossbatch.cli.options;

import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.artifact.ArtifactFilter;
import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.aws.S3ArtifactStore;
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

  @Option(names = "--bucket", paramLabel = "NAME", description = "the S3 bucket (default: codebuild.bucket)")
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

  /** S3 when a bucket is known (--bucket or codebuild.bucket) and --local is not given, else dist/. */
  public ArtifactStore store(ProjectConfig config, Session session) {
    String chosenBucket = bucket != null ? bucket : config.codebuild().bucket();
    String chosenPrefix = prefix != null ? prefix : config.codebuild().prefix();
    if (prefix != null && !prefix.isEmpty()) {
      Names.checkPrefix(prefix).ifPresent(problem -> {
        throw CrossbatchException.usage("--prefix " + problem, "e.g. --prefix releases/hello");
      });
    }
    if (local || chosenBucket == null) {
      if (bucket != null) {
        throw CrossbatchException.usage("--local and --bucket exclude each other", "pick one");
      }
      Path output = Layout.of(config).outputDir();
      return new LocalArtifactStore(chosenPrefix == null || chosenPrefix.isEmpty() ? output : output.resolve(chosenPrefix));
    }
    Names.checkBucket(chosenBucket).ifPresent(problem -> {
      throw CrossbatchException.usage("--bucket " + problem, "e.g. --bucket my-releases");
    });
    return new S3ArtifactStore(session.aws(aws.settings(), config.codebuild().region()), chosenBucket, chosenPrefix == null ? "" : chosenPrefix);
  }


  /** The AWS settings the options give (--region, --profile, --endpoint-url). */
  public dev.crossbatch.core.aws.AwsSettings awsSettings() {
    return aws.settings();
  }
}
