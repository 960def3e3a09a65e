package dev.crossbatch.core.artifact;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.signing.VerifyingKey;
import dev.crossbatch.core.time.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code crossbatch artifacts download}: one commit's zips from a store into a folder, each held to
 * every independent SHA-256 known for it, then a SHA256SUMS of the files verified, then (if asked)
 * each zip unpacked into {@code DIR/<os>_<arch>/}.
 */
public final class ArtifactDownload {
  /**
   * @param requireChecksum refuse a file no source has a SHA-256 for; also on, whatever this says,
   *     when a source exists for the commit (then a file it does not name is suspect)
   * @param unpack how to unpack, or null to keep the zips only
   */
  public record Request(ArtifactFilter filter, Path dest, boolean requireChecksum, ZipExtractor.Options unpack, VerifyingKey verifyKey) {
    public Request(ArtifactFilter filter, Path dest, boolean requireChecksum, ZipExtractor.Options unpack) {
      this(filter, dest, requireChecksum, unpack, null);
    }
  }

  /**
   * @param sums the SHA256SUMS written in dest, or null when no file could be listed (none verified)
   * @param unverified the files no source had a SHA-256 for: only their size was checked
   * @param notes what the user should know that is not an error
   */
  public record Result(String commit7, List<Downloader.Outcome> outcomes, Path sums, Map<String, Path> extracted,
      List<Downloader.Outcome> unverified, List<String> notes) {}

  private ArtifactDownload() {}

  /**
   * @param remembered CodeBuild's SHA-256s remembered here for a commit (by its 7 characters)
   */
  public static Result run(ArtifactStore store, ArtifactCatalog catalog, Function<String, ChecksumSources.Remembered> remembered,
      Request request, Downloader.Options options, Sleeper sleeper, OutputLock.Waiting waiting, Downloader.Listener listener) {
    ArtifactFilter filter = request.filter();
    List<ArtifactCatalog.Entry> ofCommit = catalog.select(new ArtifactFilter(filter.commit(), List.of(), filter.latest(), filter.version()));
    if (ofCommit.isEmpty()) {
      throw CrossbatchException.usage("no artifacts" + (filter.commit() == null ? "" : " of commit " + filter.commit())
          + (filter.version() == null ? "" : " of version " + filter.version()) + " in " + store.location(),
          "'crossbatch artifacts list' shows what there is");
    }
    Set<String> commits = ofCommit.stream().map(ArtifactCatalog.Entry::commit7).collect(Collectors.toCollection(TreeSet::new));
    if (commits.size() > 1) {
      throw CrossbatchException.usage("--commit " + filter.commit() + " matches several commits: " + String.join(", ", commits), "give more characters of the commit");
    }
    String commit7 = commits.iterator().next();
    List<Platform> missing = filter.platforms().stream().filter(p -> ofCommit.stream().noneMatch(e -> e.platform().equals(p))).toList();
    if (!missing.isEmpty()) {
      throw CrossbatchException.usage("commit " + commit7 + " has no artifact for " + missing.stream().map(Platform::toString).collect(Collectors.joining(", ")),
          "it has: " + ofCommit.stream().map(e -> e.platform().toString()).collect(Collectors.joining(", ")));
    }
    List<ArtifactCatalog.Entry> selected = ofCommit.stream().filter(e -> filter.platformMatches(e.platform())).toList();
    String incomplete = null;
    if (catalog.completeness(store, selected).get(commit7) == ArtifactCatalog.Completeness.INCOMPLETE) {
      incomplete = "the release of commit " + commit7 + " in " + store.location() + " is incomplete: files a release writes before its"
          + " manifest are there, its manifest is not (publishing stopped part-way, or the manifest was removed)";
      if (request.verifyKey() != null) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, incomplete, "publish the release again (crossbatch release --publish), or pick a whole one"
            + " ('crossbatch artifacts list' marks incomplete commits)");
      }
    }

    ChecksumSources.Reading reading = new ChecksumSources.Reading(options.attempts(), options.backoff(), sleeper);
    // with a key, only SHA256SUMS signed by it speaks for a file: checked before any byte of a zip is fetched
    ChecksumSources.Known known = request.verifyKey() != null ? ChecksumSources.resolveSigned(store, catalog, selected, request.verifyKey(), reading)
        : ChecksumSources.resolve(store, catalog, selected, remembered.apply(commit7), reading);
    List<String> nobodyKnows = selected.stream().map(ArtifactCatalog.Entry::fileName).filter(f -> known.of(f).isEmpty()).toList();
    if (!nobodyKnows.isEmpty() && (request.requireChecksum() || known.required())) {
      throw new CrossbatchException(ErrorKind.INTEGRITY, "no SHA-256 is known for " + String.join(", ", nobodyKnows)
          + (known.required() ? ", though " + known.shouldExist().get(0) + ": a file it does not name is not the release's"
              : " (--require-checksum)") + "; nothing was downloaded",
          known.required() ? "download the files that source names (--platform), or publish a SHA256SUMS that names every zip of the commit"
              : "publish a SHA256SUMS beside the zips (release --publish), or drop --require-checksum to take them unverified");
    }
    List<Downloader.Item> items = selected.stream().map(e -> new Downloader.Item(e.object(), e.fileName(), known.of(e.fileName()))).toList();
    List<String> notes = new ArrayList<>();
    if (incomplete != null) {
      notes.add(incomplete);
    }
    List<Downloader.Outcome> outcomes;
    Path sums;
    Map<String, Path> extracted = new LinkedHashMap<>();
    try (OutputLock lock = OutputLock.acquire(request.dest(), "crossbatch artifacts download of commit " + commit7, waiting)) {
      outcomes = new Downloader(store, options, sleeper).download(items, request.dest(), listener);
      sums = writeSums(request.dest(), outcomes, notes);
      if (request.unpack() != null) {
        Map<String, Platform> platforms = selected.stream().collect(Collectors.toMap(ArtifactCatalog.Entry::fileName, ArtifactCatalog.Entry::platform));
        for (Downloader.Outcome o : outcomes) {
          Path target = request.dest().resolve(platforms.get(o.item().fileName()).identifier());
          Unpacking.unpack(o.file(), target, request.unpack());
          extracted.put(o.item().fileName(), target);
        }
      }
    }
    List<Downloader.Outcome> unverified = outcomes.stream().filter(o -> !o.verified()).toList();
    return new Result(commit7, outcomes, sums, extracted, unverified, notes);
  }

  /**
   * DIR/SHA256SUMS: the files of this run verified against an independent source, and the lines
   * an earlier run wrote for other files that are still there unchanged. A file nothing verified
   * is never listed, so a later run cannot take its own guess for a checksum.
   */
  private static Path writeSums(Path dest, List<Downloader.Outcome> outcomes, List<String> notes) {
    Path file = dest.resolve(Checksums.FILE);
    Map<String, String> sums = new TreeMap<>();
    Set<String> now = outcomes.stream().map(o -> o.item().fileName()).collect(Collectors.toSet());
    if (Files.exists(file)) {
      try {
        Map<String, String> earlier = new TreeMap<>(Checksums.parse(BoundedFiles.readString(file, ChecksumSources.MAX_SUMS_BYTES)));
        earlier.keySet().removeAll(now);
        sums.putAll(Checksums.stillTrue(dest, earlier));
      } catch (IOException | Checksums.MalformedException e) {
        notes.add(file + " was not a SHA256SUMS (" + e.getMessage() + "); it now lists the files verified by this download");
      }
    }
    outcomes.stream().filter(Downloader.Outcome::verified).forEach(o -> sums.put(o.item().fileName(), o.sha256()));
    if (sums.isEmpty()) {
      return null;
    }
    AtomicFiles.write(file, Checksums.format(sums));
    return file;
  }
}
