package dev.crossbatch.core.release;

import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.artifact.Downloader;
import dev.crossbatch.core.artifact.StoredObject;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.io.IoErrors;
import dev.crossbatch.core.signing.ReleaseSigner;
import dev.crossbatch.core.source.Commit;
import dev.crossbatch.core.time.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end of {@code crossbatch release} on CodeBuild: each build's zip is fetched from the S3
 * location the API reports for it (never a key computed here, since CodeBuild's layout inside a
 * batch is not documented), checked against the SHA-256 CodeBuild reported, and kept in dist/ under
 * its key, as the local backend lays out its store. {@link #publish} puts SHA256SUMS and
 * manifest.json beside the zips in the bucket.
 */
public final class CodeBuildCollector {
  /** Where CodeBuild reports an S3 artifact: {@code arn:PARTITION:s3:::BUCKET/KEY}. */
  public record S3Location(String bucket, String key) {
    private static final Pattern ARN = Pattern.compile("arn:aws(?:-[a-z]+)*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");

    public static Optional<S3Location> parse(String arn) {
      Matcher m = ARN.matcher(arn);
      return m.matches() ? Optional.of(new S3Location(m.group(1), m.group(2))) : Optional.empty();
    }

    public String uri() {
      return "s3://" + bucket + "/" + key;
    }

    /** The folder of the key, "" at the bucket's root, else ending in '/'. */
    public String folder() {
      return key.substring(0, key.lastIndexOf('/') + 1);
    }
  }

  /** One build's zip as found in its bucket, and the SHA-256 to hold it to (null when CodeBuild reported none). */
  public record Located(BuildRun build, S3Location location, StoredObject object, Downloader.Expected expected) {}

  /** What was collected: the manifest's entries (paths relative to dist/) and how each file was verified. */
  public record Collected(List<Manifest.Entry> artifacts, List<Downloader.Outcome> outcomes) {}

  /** A key that reads as a relative path without surprises: no empty, '.' or '..' segment, no backslash or control character. */
  private static final Pattern SAFE_KEY = Pattern.compile("(?!.*(?:^|/)\\.{1,2}(?:/|$))(?!.*//)[^/\\\\\\p{Cntrl}][^\\\\\\p{Cntrl}]*");

  /** What a build's own archive may end with, tried in turn (a bare binary has no extension off windows). */
  private static final List<String> ARCHIVE_EXTENSIONS = List.of(".tar.gz", ".zip", ".exe", "");

  private CodeBuildCollector() {}

  /**
   * Finds the zip of every succeeded build that counts toward the batch (failures with
   * ignore-failure are left out, as the local backend leaves them out) where CodeBuild says it is.
   *
   * @param buckets a store rooted at the named bucket
   */
  public static List<Located> locate(BatchSnapshot batch, Function<String, ArtifactStore> buckets) {
    List<Located> located = new ArrayList<>();
    Map<String, String> keys = new HashMap<>();
    for (BuildRun build : batch.builds()) {
      if (BuildRun.DOWNLOAD_SOURCE.equals(build.identifier()) || !build.succeeded()) {
        continue;
      }
      if (build.artifact() == null) {
        throw CrossbatchException.usage("CodeBuild reports no artifact for build " + build.label() + " (" + build.buildId() + "), so there is no zip to collect",
            "the project must upload a ZIP artifact to S3 with OverrideArtifactName, as templates/codebuild-project.yml sets it up");
      }
      String arn = build.artifact().location();
      S3Location location = S3Location.parse(arn).orElseThrow(() -> new CrossbatchException(ErrorKind.AWS,
          "CodeBuild reports the artifact of build " + build.label() + " at '" + arn + "', which is not an S3 object ARN (arn:aws:s3:::BUCKET/KEY)",
          "crossbatch collects artifacts of type S3 only; set the project's artifacts to S3 with ZIP packaging"));
      if (!SAFE_KEY.matcher(location.key()).matches()) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, "the artifact of build " + build.label() + " has the key '" + location.key()
            + "', which is not a safe path to keep under dist/", "name artifacts with the generated buildspec's artifacts.name");
      }
      String other = keys.putIfAbsent(location.uri(), build.label());
      if (other != null) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, "builds " + other + " and " + build.label() + " both report " + location.uri()
            + ": one zip overwrote the other", "give each build its own artifacts.name ('crossbatch generate' puts the platform and commit in it)");
      }
      ArtifactStore bucket = buckets.apply(location.bucket());
      Optional<StoredObject> zip = bucket.find(location.key());
      if (zip.isPresent()) {
        Downloader.Expected expected = Checksums.normalize(build.artifact().sha256()).map(sha -> new Downloader.Expected(sha, "CodeBuild")).orElse(null);
        located.add(new Located(build, location, zip.get(), expected));
      } else {
        located.add(unpackaged(build, location, bucket));
      }
    }
    return located;
  }

  /**
   * An archive the build made itself, uploaded unpackaged (NONE): CodeBuild reports its folder,
   * named as the archive is, and no checksum. The archive is the folder's name with an archive's
   * extension; its SHA-256 is the .sha256 the build wrote beside it, which must be there.
   */
  private static Located unpackaged(BuildRun build, S3Location folder, ArtifactStore bucket) {
    String base = folder.key().substring(folder.key().lastIndexOf('/') + 1);
    for (String extension : ARCHIVE_EXTENSIONS) {
      S3Location location = new S3Location(folder.bucket(), folder.key() + "/" + base + extension);
      Optional<StoredObject> archive = bucket.find(location.key());
      if (archive.isEmpty()) {
        continue;
      }
      StoredObject sidecar = bucket.find(location.key() + ArtifactCatalog.SIDECAR).orElseThrow(() -> new CrossbatchException(ErrorKind.INTEGRITY,
          "the archive of build " + build.label() + " at " + location.uri() + " has no " + ArtifactCatalog.SIDECAR + " beside it, so nothing can verify it",
          "the generated buildspec writes one; run 'crossbatch generate' and release again"));
      String sha = readSidecar(bucket, sidecar, base + extension, location.uri());
      return new Located(build, location, archive.get(), new Downloader.Expected(sha, location.uri() + ArtifactCatalog.SIDECAR));
    }
    throw new CrossbatchException(ErrorKind.INTEGRITY, "CodeBuild reports the artifact of build " + build.label() + " at " + folder.uri()
        + ", but there is neither an object there nor an archive named " + base + " (.zip, .tar.gz, .exe) in it",
        "check the project's packaging (templates/codebuild-project.yml) and that nothing removed the artifact");
  }

  /** The one line a build's .sha256 holds, {@code SHA256  FILE}, naming the archive. */
  private static String readSidecar(ArtifactStore bucket, StoredObject sidecar, String file, String where) {
    try (InputStream in = bucket.open(sidecar, 0)) {
      Map<String, String> listed = Checksums.parse(new String(in.readNBytes(4096), StandardCharsets.UTF_8));
      String sha = listed.get(file);
      if (sha == null || listed.size() != 1) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, where + ArtifactCatalog.SIDECAR + " does not name " + file + " alone",
            "the archive and its .sha256 do not belong together; release again");
      }
      return sha;
    } catch (IOException | Checksums.MalformedException e) {
      throw new CrossbatchException(ErrorKind.INTEGRITY, "cannot read " + where + ArtifactCatalog.SIDECAR + ": " + e.getMessage(),
          "run the release again; the archive is not collected without it");
    }
  }

  /**
   * Downloads each located zip into {@code dist} under its key, verified, resuming what an earlier
   * run left (see {@link Downloader}).
   */
  public static Collected download(List<Located> located, Path dist, Function<String, ArtifactStore> buckets, Downloader.Options options,
      Sleeper sleeper, Downloader.Listener listener) {
    Map<String, List<Located>> byBucket = new LinkedHashMap<>();
    located.forEach(l -> byBucket.computeIfAbsent(l.location().bucket(), b -> new ArrayList<>()).add(l));
    Map<String, Downloader.Outcome> outcomes = new HashMap<>();
    for (Map.Entry<String, List<Located>> bucket : byBucket.entrySet()) {
      List<Downloader.Item> items = bucket.getValue().stream().map(l -> new Downloader.Item(l.object(), l.location().key(), l.expected())).toList();
      new Downloader(buckets.apply(bucket.getKey()), options, sleeper).download(items, dist, listener)
          .forEach(o -> outcomes.put(bucket.getKey() + "/" + o.item().fileName(), o));
    }
    List<Manifest.Entry> entries = new ArrayList<>();
    List<Downloader.Outcome> ordered = new ArrayList<>();
    for (Located l : located) {
      Downloader.Outcome o = outcomes.get(l.location().bucket() + "/" + l.location().key());
      ordered.add(o);
      entries.add(Manifest.Entry.of(l.build(), l.location().key(), o.size(), o.sha256()));
    }
    return new Collected(entries, ordered);
  }

  /**
   * Uploads {@code NAME_COMMIT7_SHA256SUMS} and {@code NAME_COMMIT7_manifest.json} into the folder
   * that holds the zips (their common folder), listing them relative to it, so that
   * {@code artifacts download} finds them as a checksum source.
   *
   * @return the S3 URIs written, SHA256SUMS first
   */
  public static List<String> publish(Manifest manifest, List<Located> located, Function<String, ArtifactStore> buckets) {
    return publish(manifest, located, buckets, Optional.empty(), null);
  }

  /**
   * Publishes each zip's SBOM beside it and the provenance (read from {@code dist}), then NAME_COMMIT7_SHA256SUMS and
   * NAME_COMMIT7_manifest.json beside the zips, each with its .minisig when {@code signer} is
   * given, manifest.json last: it marks a release that is whole.
   */
  public static List<String> publish(Manifest manifest, List<Located> located, Function<String, ArtifactStore> buckets,
      Optional<ReleaseSigner> signer, Path dist) {
    List<String> bucketNames = located.stream().map(l -> l.location().bucket()).distinct().toList();
    if (bucketNames.size() != 1) {
      throw CrossbatchException.usage(bucketNames.isEmpty() ? "there is nothing to publish: no build reported a zip"
          : "the zips are in " + bucketNames.size() + " buckets (" + String.join(", ", bucketNames) + "); --publish writes next to zips in one",
          "drop --publish, or let every build upload to the project's one bucket");
    }
    if (manifest.commit() == null || manifest.commit().length() < 7) {
      throw CrossbatchException.usage("CodeBuild reported no commit for this batch, so the published files cannot be named NAME_COMMIT7_...",
          "build from a git source, or drop --publish");
    }
    String folder = located.stream().map(l -> l.location().folder()).reduce(CodeBuildCollector::commonFolder).orElse("");
    String base = folder + manifest.name() + "_" + Commit.abbreviate(manifest.commit()) + "_";
    Manifest there = manifest.relativeTo(folder);
    ArtifactStore store = buckets.apply(bucketNames.get(0));
    String sums = base + Checksums.FILE;
    String json = base + Manifest.FILE;
    byte[] sumsBytes = there.checksums().getBytes(StandardCharsets.UTF_8);
    byte[] jsonBytes = there.json().getBytes(StandardCharsets.UTF_8);
    List<String> keys = new ArrayList<>();
    for (Manifest.Entry entry : manifest.artifacts()) {
      if (entry.sbom() != null) {
        store.put(entry.sbom(), written(dist.resolve(entry.sbom()), entry.sbomSha256()), "application/vnd.cyclonedx+json");
        keys.add(entry.sbom());
      }
    }
    if (manifest.provenance() != null) {
      store.put(folder + manifest.provenance(), written(dist.resolve(manifest.provenance()), manifest.provenanceSha256()), "application/jsonl");
      keys.add(folder + manifest.provenance());
    }
    store.put(sums, sumsBytes, "text/plain");
    keys.add(sums);
    if (signer.isPresent()) {
      String suffix = signer.get().suffix();
      store.put(sums + suffix, signer.get().signature(sumsBytes, Checksums.FILE).getBytes(StandardCharsets.UTF_8), "text/plain");
      store.put(json + suffix, signer.get().signature(jsonBytes, Manifest.FILE).getBytes(StandardCharsets.UTF_8), "text/plain");
      keys.add(sums + suffix);
      keys.add(json + suffix);
    }
    store.put(json, jsonBytes, "application/json");
    keys.add(json);
    return keys.stream().map(k -> "s3://" + bucketNames.get(0) + "/" + k).toList();
  }

  /** A file this release wrote a moment ago, still of the SHA-256 the manifest lists. */
  private static byte[] written(Path file, String sha256) {
    try {
      byte[] bytes = BoundedFiles.read(file, ReleaseSigner.MAX_SIGNED);
      if (!Checksums.sha256Hex(bytes).equals(sha256)) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, file + " changed after it was written", "run the release again");
      }
      return bytes;
    } catch (IOException e) {
      throw IoErrors.cannot("read the file to publish", file, e);
    }
  }

  static String commonFolder(String a, String b) {
    int end = 0;
    for (int i = 0; i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i); i++) {
      if (a.charAt(i) == '/') {
        end = i + 1;
      }
    }
    return a.substring(0, end);
  }
}
