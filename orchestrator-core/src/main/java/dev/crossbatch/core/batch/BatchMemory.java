package dev.crossbatch.core.batch;

import dev.crossbatch.core.artifact.ChecksumSources;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.source.Commit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The id of the batch started last from a folder, kept in one file so that any later command finds it. */
public record BatchMemory(Path file) {
  public void remember(String batchId) {
    AtomicFiles.write(file, batchId + "\n");
  }

  public Optional<String> last() {
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()).filter(s -> !s.isEmpty()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Keeps the SHA-256 CodeBuild reported for each zip of an ended batch, per commit, in
   * {@code sha256/COMMIT7} beside the remembered id (sha256sum's format, by file name), so that
   * {@code artifacts download} can hold the zips to it later without asking CodeBuild. Best effort:
   * a folder that cannot be written only loses this source.
   */
  public void rememberChecksums(BatchSnapshot batch) {
    if (!batch.complete() || batch.commit() == null || batch.commit().length() < 7) {
      return;
    }
    Map<String, String> sums = new TreeMap<>();
    try {
      sums.putAll(checksums(Commit.abbreviate(batch.commit())).sums()); // builds of the commit that this batch did not run keep theirs
    } catch (CrossbatchException e) {
      // a damaged file is replaced by what this batch reports
    }
    for (BuildRun build : batch.builds()) {
      BuildRun.Artifact a = build.artifact();
      if (build.succeeded() && a != null) {
        Checksums.normalize(a.sha256()).ifPresent(sha -> sums.put(a.location().substring(a.location().lastIndexOf('/') + 1), sha));
      }
    }
    if (sums.isEmpty()) {
      return;
    }
    try {
      AtomicFiles.write(checksumsFile(Commit.abbreviate(batch.commit())), Checksums.format(sums));
    } catch (CrossbatchException e) {
      // a cache: without it, download falls back to a published SHA256SUMS
    }
  }

  /**
   * CodeBuild's SHA-256s of the zips of {@code commit7}, for the batches that ended while followed
   * from here; none when no such batch was. A file that is there but damaged is an integrity
   * error, never "nothing remembered".
   */
  public ChecksumSources.Remembered checksums(String commit7) {
    Path f = checksumsFile(commit7);
    String refresh = "if it was built again, run 'crossbatch status BATCH' for the batch that built it (that remembers its SHA-256s here),"
        + " or delete " + f + " to go by the published SHA256SUMS";
    if (!Files.exists(f)) {
      return new ChecksumSources.Remembered(Map.of(), f.toString(), refresh);
    }
    try {
      return new ChecksumSources.Remembered(Checksums.parse(BoundedFiles.readString(f, 1 << 20)), f.toString(), refresh);
    } catch (IOException | Checksums.MalformedException e) {
      throw new CrossbatchException(ErrorKind.INTEGRITY, "the CodeBuild SHA-256s remembered in " + f + " cannot be read: " + e.getMessage(),
          "delete the file; 'crossbatch status BATCH' of a batch of that commit remembers them again");
    }
  }

  private Path checksumsFile(String commit7) {
    return file.resolveSibling("sha256").resolve(commit7);
  }

  /**
   * Keeps an ended batch's details (phases, times, SHA-256s, log streams: CodeBuild's
   * BatchGetBuilds answer) in {@code ended-batch.json} beside the remembered id, the last one only,
   * so that the next look at the same ended batch needs one call instead of two. Best effort.
   */
  public void rememberEnded(BatchSnapshot detailed) {
    if (!detailed.complete()) {
      return;
    }
    try {
      AtomicFiles.write(endedFile(), SnapshotJson.write(detailed), false);
    } catch (IOException | CrossbatchException e) {
      // a cache: without it, the details are asked for again
    }
  }

  /**
   * The details kept for {@code described} when it is the same ended batch: same id and status,
   * same end, the same build in every group (a retry starts new builds and reopens the batch).
   * Empty when none are kept, they are of another batch, or the file cannot be read.
   */
  public Optional<BatchSnapshot> ended(BatchSnapshot described) {
    Path f = endedFile();
    if (!described.complete() || !Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      BatchSnapshot kept = SnapshotJson.read(BoundedFiles.read(f, MAX_ENDED));
      return sameEnd(kept, described) ? Optional.of(kept) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // damaged: asked for again, then written anew
    }
  }

  private static boolean sameEnd(BatchSnapshot kept, BatchSnapshot described) {
    return kept.complete() && kept.id().equals(described.id()) && Objects.equals(kept.status(), described.status())
        && Objects.equals(kept.end(), described.end()) && builds(kept).equals(builds(described));
  }

  private static List<String> builds(BatchSnapshot batch) {
    List<String> builds = new ArrayList<>();
    if (batch.downloadSource() != null) {
      builds.add(batch.downloadSource().identifier() + " " + batch.downloadSource().buildId() + " " + batch.downloadSource().status());
    }
    batch.builds().forEach(b -> builds.add(b.identifier() + " " + b.buildId() + " " + b.status() + " " + b.attempt()));
    return builds;
  }

  /** An ended batch's details are a few kB per build; a file this large is not crossbatch's. */
  private static final int MAX_ENDED = 16 << 20;

  private Path endedFile() {
    return file.resolveSibling("ended-batch.json");
  }

  /** When the batch was remembered: to tell which of two backends started one last. */
  public Optional<FileTime> since() {
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.getLastModifiedTime(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
