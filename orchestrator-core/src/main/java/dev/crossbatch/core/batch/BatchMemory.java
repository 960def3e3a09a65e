package dev.crossbatch.core.batch;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
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
    Map<String, String> sums = new TreeMap<>(checksums(batch.commit().substring(0, 7)));
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
      AtomicFiles.write(checksumsFile(batch.commit().substring(0, 7)), Checksums.format(sums));
    } catch (CrossbatchException e) {
      // a cache: without it, download falls back to a published SHA256SUMS
    }
  }

  /** File name to CodeBuild's SHA-256, for the batches of {@code commit7} that ended while followed from here. */
  public Map<String, String> checksums(String commit7) {
    Path f = checksumsFile(commit7);
    try {
      return Files.isRegularFile(f) ? Checksums.parse(Files.readString(f, StandardCharsets.UTF_8)) : Map.of();
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  private Path checksumsFile(String commit7) {
    return file.resolveSibling("sha256").resolve(commit7);
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
