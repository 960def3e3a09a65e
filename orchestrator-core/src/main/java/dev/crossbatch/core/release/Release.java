package dev.crossbatch.core.release;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.buildspec.BuildspecGenerator;
import dev.crossbatch.core.buildspec.GeneratedFile;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.generate.GenerationRecord;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.io.IoErrors;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.local.LocalBuildService;
import dev.crossbatch.core.signing.ReleaseSigner;
import dev.crossbatch.core.source.Commit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@code crossbatch release} on the local backend: generate if stale, run the batch, verify each
 * zip, then write SHA256SUMS and manifest.json next to the zips, only when the batch succeeded.
 */
public final class Release {
  /** What the user asked for. {@code parallelism} 0 and {@code buildTimeout} null mean the config's or default. */
  public record Request(
      String sourceVersion,
      Map<String, String> environment,
      List<String> only,
      boolean allowDirty,
      int parallelism,
      Duration buildTimeout,
      boolean dryRun,
      Map<String, String> tools,
      boolean clean) {
    public Request(String sourceVersion, Map<String, String> environment, List<String> only, boolean allowDirty, int parallelism,
        Duration buildTimeout, boolean dryRun, Map<String, String> tools) {
      this(sourceVersion, environment, only, allowDirty, parallelism, buildTimeout, dryRun, tools, false);
    }
  }

  /**
   * The plan of a dry run, or the outcome of a release.
   *
   * @param earlier zips of the same commit from an earlier release of other platforms, still listed in SHA256SUMS
   */
  public record Result(
      List<Generation.FileResult> generated,
      LocalBuildService.Prepared prepared,
      BatchSnapshot batch,
      List<Manifest.Entry> artifacts,
      Path sums,
      Path manifest,
      List<String> earlier,
      List<Path> signatures) {
    public Result {
      signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    public boolean succeeded() {
      return batch != null && batch.succeeded();
    }
  }

  private Release() {}

  /**
   * The batch to run: the freshly rendered buildspec (as CodeBuild's buildspecOverride would carry
   * it), with every generated buildspec available to tasks that name one.
   */
  public static BatchRequest batchRequest(ProjectConfig config, Request request) {
    return batchRequest(config, request, Generation.render(config, GenerationRecord.ofThisTool()));
  }

  private static BatchRequest batchRequest(ProjectConfig config, Request request, List<GeneratedFile> rendered) {
    Map<String, String> buildspecs = Generation.buildspecs(config, rendered);
    String main = config.fromRepositoryRoot(BuildspecGenerator.BUILDSPEC);
    String folder = config.sourceFolder().isEmpty() ? "" : config.sourceFolder() + "/";
    // messages name generated files as crossbatch.yml's folder holds them (buildspecs/buildspec.yml), where generate writes them
    return new BatchRequest(config, buildspecs.get(main), main, buildspecs, request.sourceVersion(),
        request.environment(), request.only(), request.allowDirty(), request.parallelism(), request.buildTimeout(),
        path -> path.startsWith(folder) ? path.substring(folder.length()) : path);
  }

  /**
   * The batch of a buildspec of one's own ({@code start --local --buildspec FILE}): its text as read
   * now, like a buildspecOverride; the files its tasks name come from the source, as on CodeBuild.
   *
   * @param name the file's path from the repository's root
   * @param shown how messages show a path from the repository's root (from the user's folder)
   */
  public static BatchRequest ownBuildspec(ProjectConfig config, Request request, String text, String name, UnaryOperator<String> shown) {
    return new BatchRequest(config, text, name, Map.of(), request.sourceVersion(), request.environment(), request.only(), request.allowDirty(),
        request.parallelism(), request.buildTimeout(), shown);
  }

  /**
   * Runs the release. Everything after the dry-run point happens holding the output folder
   * ({@link OutputLock}): a second release of the same folder waits or is refused, never mixed in.
   */
  public static Result run(ProjectConfig config, LocalBuildService service, Request request, OutputLock.Waiting waiting,
      Consumer<BatchSnapshot> progress) {
    return run(config, service, request, waiting, progress, Optional.empty());
  }

  /** The release, its SHA256SUMS and manifest.json signed with {@code signer} when there is one. */
  public static Result run(ProjectConfig config, LocalBuildService service, Request request, OutputLock.Waiting waiting,
      Consumer<BatchSnapshot> progress, Optional<ReleaseSigner> signer) {
    // an unchanged crossbatch.yml's files are recalled as the last run rendered them, when they are still so on disk
    // (a dry run writes nothing, a record neither)
    Optional<GenerationRecord> record = GenerationRecord.ofThisTool();
    List<GeneratedFile> rendered = request.dryRun() ? record.flatMap(r -> r.recall(config)).orElseGet(() -> Generation.render(config))
        : Generation.render(config, record);
    if (request.dryRun()) {
      List<Generation.FileResult> generated = Generation.check(config, rendered);
      return new Result(generated, service.prepare(batchRequest(config, request, rendered)), null, List.of(), null, null, List.of(), List.of());
    }
    Path dist = Layout.of(config).outputDir();
    try (OutputLock lock = service.lockOutput("crossbatch release", waiting); EarlySboms early = new EarlySboms()) {
      if (request.clean()) {
        CleanOutput.empty(config);
      }
      List<Generation.FileResult> generated = Generation.write(config, rendered);
      LocalBuildService.Prepared prepared = service.prepare(batchRequest(config, request, rendered));
      lock.describe("crossbatch release of batch " + prepared.id());
      // each zip's binaries read for its SBOM as its build succeeds, while the others run
      BatchSnapshot batch = service.run(prepared, early.watching(progress));
      if (!batch.succeeded()) {
        return new Result(generated, prepared, batch, List.of(), null, null, List.of(), List.of());
      }
      ReleaseFiles.Finished finished = ReleaseFiles.write(dist, config, Manifest.of(config, batch, request.tools(), verify(batch, dist)), batch, signer, early);
      Written written = finished.written();
      return new Result(generated, prepared, batch, finished.manifest().artifacts(), written.sums(), written.manifest(), written.earlier(),
          finished.signatures());
    }
  }

  /**
   * Signs the files just written, still holding the folder; without a key, removes their earlier
   * signatures, which would no longer match them (never a wrong signature under a final name).
   */
  static List<Path> signatures(List<Path> files, Optional<ReleaseSigner> signer) {
    for (Path file : files) {
      for (String suffix : ReleaseSigner.SUFFIXES) {
        if (signer.isPresent() && signer.get().suffix().equals(suffix)) {
          continue; // written over below
        }
        Path stale = file.resolveSibling(file.getFileName() + suffix);
        try {
          Files.deleteIfExists(stale);
        } catch (IOException e) {
          throw IoErrors.cannot("remove the signature that no longer matches", stale, e);
        }
      }
    }
    return signer.map(s -> s.sign(files)).orElse(List.of());
  }

  /**
   * Where a release's SHA256SUMS and manifest.json went.
   *
   * @param earlier zips of the commit a release of other platforms made before, still listed in SHA256SUMS
   */
  public record Written(Path sums, Path manifest, List<String> earlier) {}

  /**
   * Writes SHA256SUMS and manifest.json into {@code dist}, each atomically. SHA256SUMS lists the
   * zips of this release and every zip of the same commit an earlier release of other platforms
   * left (release --platform), when it is still there with the SHA-256 listed then; manifest.json is
   * this batch's (and, for zips named without their commit, also NAME_COMMIT7_manifest.json, which
   * the next release does not replace). Paths are relative to {@code dist}.
   */
  public static Written write(Path dist, Manifest manifest, ProjectConfig config) {
    Path sumsFile = dist.resolve(Checksums.FILE);
    Path manifestFile = dist.resolve(Manifest.FILE);
    Map<String, String> sums = new TreeMap<>(manifest.sums());
    List<String> earlier = new ArrayList<>();
    Map<String, String> ofCommit = new TreeMap<>(earlierOfCommit(sumsFile, manifest.commit(), manifest.version(), config));
    ofCommit.keySet().removeAll(sums.keySet());
    Checksums.stillTrue(dist, ofCommit).forEach((file, sha) -> {
      sums.put(file, sha);
      if (Sboms.archiveOf(file).equals(file)) {
        earlier.add(file); // a zip; its SBOM goes with it unsaid
      }
    });
    AtomicFiles.write(sumsFile, Checksums.format(sums));
    AtomicFiles.write(manifestFile, manifest.json());
    if (!config.artifact().namesCommit() && manifest.commit() != null && Commit.isId(manifest.commit())) {
      // zips named by version alone find their commit through a manifest of their own release, as --publish puts one beside them
      AtomicFiles.write(dist.resolve(manifest.name() + "_" + Commit.abbreviate(manifest.commit()) + "_" + Manifest.FILE), manifest.json());
    }
    return new Written(sumsFile, manifestFile, List.copyOf(earlier));
  }

  /**
   * The lines of the SHA256SUMS there now that name a zip of {@code commit} (of {@code version}, for
   * names without a commit); none when there is none or it does not parse.
   */
  private static Map<String, String> earlierOfCommit(Path sumsFile, String commit, String version, ProjectConfig config) {
    if (commit == null || commit.length() < 7 || !Files.isRegularFile(sumsFile)) {
      return Map.of();
    }
    try {
      Map<String, String> listed = Checksums.parse(BoundedFiles.readString(sumsFile, 1 << 20));
      Map<String, String> ofCommit = new TreeMap<>();
      // a zip's SBOM (ZIP.cdx.json) goes with its zip
      listed.forEach((file, sha) -> config.artifact().match(config.name(), Sboms.archiveOf(file.substring(file.lastIndexOf('/') + 1)))
          .filter(p -> p.commit().isEmpty() ? p.version().equals(version) : new Commit(Commit.abbreviate(commit)).matches(p.commit())) // 7 characters or the whole SHA
          .ifPresent(p -> ofCommit.put(file, sha)));
      return ofCommit;
    } catch (IOException | Checksums.MalformedException e) {
      return Map.of(); // not a SHA256SUMS this tool wrote: replaced by this release's
    }
  }

  /** Re-reads every zip of the batch: present, of the recorded size and SHA-256; else an integrity error. */
  static List<Manifest.Entry> verify(BatchSnapshot batch, Path dist) {
    List<Manifest.Entry> entries = new ArrayList<>();
    for (BuildRun build : batch.builds()) {
      if (build.artifact() == null || !build.succeeded()) {
        continue;
      }
      Path file = Path.of(build.artifact().location());
      String sha;
      long size;
      try {
        size = Files.size(file);
        sha = Checksums.sha256(file);
      } catch (IOException e) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, "the zip of " + build.identifier() + " is gone: " + file,
            "run crossbatch release again; nothing else should write under " + dist);
      }
      if (size != build.artifact().size() || !sha.equals(build.artifact().sha256())) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, "the zip of " + build.identifier() + " changed after its build: " + file
            + " has SHA-256 " + sha + ", the build wrote " + build.artifact().sha256(), "run crossbatch release again");
      }
      entries.add(Manifest.Entry.of(build, dist.relativize(file).toString().replace('\\', '/'), size, sha));
    }
    return entries;
  }

}
