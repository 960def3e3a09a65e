package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.ArtifactOptions;
import dev.crossbatch.cli.render.DownloadProgress;
import dev.crossbatch.cli.render.Plural;
import dev.crossbatch.cli.render.json.DownloadedJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.cli.session.ReleaseKeys;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactDownload;
import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.artifact.ChecksumSources;
import dev.crossbatch.core.artifact.Downloader;
import dev.crossbatch.core.artifact.ZipExtractor;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.text.Sizes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "download",
    description = {
      "Download the archives of one release (--commit, --version or --latest), verified by SHA-256; a run cut short resumes.",
      "Each zip goes to NAME.part and is checked for size and SHA-256 (CodeBuild's for a batch followed from here, a published"
          + " SHA256SUMS, or S3's own) before it gets its name. A file no source has a SHA-256 for is downloaded unverified and said"
          + " so, unless --require-checksum; that is the default when a SHA256SUMS, a manifest or CodeBuild's SHA-256s exist for the"
          + " commit. DIR/SHA256SUMS lists the files verified. Files already there and verified are skipped."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch artifacts download --latest --dest dist",
      "  crossbatch artifacts download --commit 3f9c2e1 \\",
      "      --platform linux/arm64 --dest bin --extract",
      "  crossbatch artifacts download --commit 3f9c2e1 --bucket my-releases \\",
      "      --prefix hello --endpoint-url http://127.0.0.1:9000"
    })
public final class DownloadCommand implements Callable<Integer> {
  private final Session session;

  DownloadCommand(Session session) {
    this.session = session;
  }

  @Mixin ArtifactOptions options;

  @Option(names = "--dest", paramLabel = "DIR", description = "where to put them (default: the current folder)")
  String dest = ".";

  @Option(names = "--extract", description = "also unpack each zip into DIR/<os>_<arch>/ (refusing unsafe names, symlinks and bombs)")
  boolean extract;

  @Option(names = "--allow-symlinks", description = "with --extract: keep symlinks that resolve inside DIR/<os>_<arch>/ (others are refused)")
  boolean allowSymlinks;

  @Option(names = "--max-unpacked-size", paramLabel = "SIZE", description = "with --extract: refuse a zip that inflates to more (default: 4GiB; e.g. 512MiB, 10GB)")
  String maxUnpacked;

  @Option(names = "--require-checksum", description = "refuse (exit 4) a file no source has a SHA-256 for, instead of downloading it unverified")
  boolean requireChecksum;

  @Option(names = "--verify-key", paramLabel = "PUB",
      description = "take SHA-256s only from a SHA256SUMS signed by this key (keygen's .pub, a KMS key's PEM, or kms:ARN); refuse (exit 4) an unsigned or foreign release before downloading")
  String verifyKey;

  @Option(names = "--parallel", paramLabel = "N", description = "downloads at once (1 to 32, default: 6)")
  int parallel = 6;

  @Option(names = "--wait-lock", description = "when another run writes DIR, wait for it instead of exiting 2")
  boolean waitLock;

  @Override
  public Integer call() throws Exception {
    if (!options.namesACommit()) {
      throw CrossbatchException.usage("say which release to download", "add --commit SHA, --version V or --latest ('crossbatch artifacts list' shows what there is)");
    }
    if (parallel < 1 || parallel > 32) {
      throw CrossbatchException.usage("--parallel " + parallel + ": give a number from 1 to 32", "e.g. --parallel 4");
    }
    ZipExtractor.Options unpack = unpackOptions();
    ArtifactOptions.Source source = options.source(session);
    ArtifactStore store = source.store();
    ArtifactCatalog catalog = ArtifactCatalog.read(store, source.naming(), source.name(), options.filter());
    Path dir = session.context().resolve(dest);
    ArtifactDownload.Request request = new ArtifactDownload.Request(options.filter(), dir, requireChecksum, unpack,
        verifyKey == null ? null : ReleaseKeys.verifying(session, verifyKey, session.context().resolve(verifyKey), options.awsSettings(),
            source.region()));
    // CodeBuild's own SHA-256 of each zip, for a batch of this commit followed from here (watch, status, release)
    Function<String, ChecksumSources.Remembered> remembered = commit7 ->
        source.memory().map(m -> m.checksums(commit7)).orElse(ChecksumSources.Remembered.NONE);

    boolean json = session.output().json();
    boolean quiet = session.output().quiet() || json;
    ArtifactDownload.Result result;
    Thread main = Thread.currentThread();
    try (DownloadProgress progress = session.downloadProgress(quiet);
        Interrupts.Registration stop = session.context().interrupts().onInterrupt(main::interrupt)) {
      result = ArtifactDownload.run(store, catalog, remembered, request, Downloader.Options.DEFAULT.withParallelism(parallel),
          session.context().sleeper(), session.waiting(waitLock), progress);
    }
    PrintWriter out = session.context().out();
    PrintWriter err = session.context().err();
    result.notes().forEach(n -> err.println("crossbatch: note: " + n));
    if (json) {
      List<DownloadedJson> rows = new ArrayList<>();
      for (Downloader.Outcome o : result.outcomes()) {
        Path extracted = result.extracted().get(o.item().fileName());
        rows.add(new DownloadedJson(display(o.file()), o.size(), o.sha256(), o.verified(), o.verifiedBy(), o.skipped(),
            extracted == null ? null : display(extracted)));
      }
      session.output().json(rows);
    } else if (!session.output().quiet()) {
      int verified = result.outcomes().size() - result.unverified().size();
      out.println(Plural.of(result.outcomes().size(), "file") + " in " + display(dir) + ": " + verified + " verified"
          + (result.unverified().isEmpty() ? "" : ", " + result.unverified().size() + " UNVERIFIED")
          + (result.sums() == null ? "" : ", listed in " + display(result.sums()))
          + (extract ? ", unpacked into " + display(dir) + "/<os>_<arch>/" : ""));
    }
    for (Downloader.Outcome o : result.unverified()) {
      err.println("crossbatch: warning: " + o.item().fileName() + " is UNVERIFIED: no CodeBuild batch, SHA256SUMS or S3 checksum names it,"
          + " so only its size was checked; it is not listed in SHA256SUMS (--require-checksum refuses such files)");
    }
    return ExitCodes.OK;
  }

  private ZipExtractor.Options unpackOptions() {
    if (!extract) {
      if (allowSymlinks || maxUnpacked != null) {
        throw CrossbatchException.usage((allowSymlinks ? "--allow-symlinks" : "--max-unpacked-size") + " is about unpacking", "add --extract");
      }
      return null;
    }
    ZipExtractor.Limits limits = ZipExtractor.Limits.DEFAULT;
    if (maxUnpacked != null) {
      long bytes = Sizes.parse(maxUnpacked);
      if (bytes < 1) {
        throw CrossbatchException.usage("--max-unpacked-size " + maxUnpacked + ": not a size", "e.g. --max-unpacked-size 512MiB or 10GB");
      }
      limits = limits.withMaxTotalBytes(bytes);
    }
    return new ZipExtractor.Options(limits, allowSymlinks);
  }

  private String display(Path p) {
    Path relative = session.context().workDir().relativize(p);
    return relative.toString().isEmpty() ? "." : relative.startsWith("..") ? p.toString() : relative.toString();
  }
}
