package dev.crossbatch.core.local;

import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.buildspec.Buildspec;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A build's UPLOAD_ARTIFACTS phase on this machine: the artifact name evaluated in the build's
 * shell, the files selected, then zipped into the store (ZIP packaging), copied there as they are
 * (NONE: a build that made its own archive and its .sha256), or, for a buildspec of one's own,
 * copied as they are into the batch's folder, with its secondary artifacts.
 */
final class ArtifactUpload {
  /** The uploaded archive, or why there is none (null and null: the buildspec has no artifacts). */
  record Uploaded(BuildRun.Artifact artifact, String failure) {}

  private ArtifactUpload() {}

  /**
   * Evaluates the artifact's name in the build's shell, selects the files and puts them into the
   * store; then each secondary artifact, files as they are, into its own location (see {@link ArtifactTarget}).
   */
  static Uploaded upload(Buildspec.Artifacts spec, String identifier, Path src, ArtifactTarget target, ShellSession session, Path valueFile,
      BuildLog log) {
    if (spec == null) {
      return new Uploaded(null, null);
    }
    Uploaded primary = primary(spec, identifier, src, target, session, valueFile, log);
    if (primary.failure() != null) {
      return primary;
    }
    for (Map.Entry<String, Buildspec.Artifacts> secondary : spec.secondary().entrySet()) {
      Path location = target.secondaryRoot().resolve(secondary.getKey());
      String failure = files(secondary.getValue(), identifier, src, location, session, valueFile, log).failure();
      if (failure != null) {
        return failed(failure.replaceFirst("^CLIENT_ERROR: ", "CLIENT_ERROR: secondary artifact " + secondary.getKey() + ": "));
      }
    }
    return primary;
  }

  private static Uploaded primary(Buildspec.Artifacts spec, String identifier, Path src, ArtifactTarget target, ShellSession session,
      Path valueFile, BuildLog log) {
    if (target.packaging() == ArtifactTarget.Packaging.FILES) {
      return files(spec, identifier, src, target.storeRoot(), session, valueFile, log);
    }
    boolean zip = target.packaging() == ArtifactTarget.Packaging.ZIP;
    String name = spec.name() == null ? identifier + (zip ? ".zip" : "") : session.evaluate(spec.name(), valueFile).trim();
    // "/" puts unpackaged files at the key prefix itself, as CodeBuild reads that name
    boolean atRoot = !zip && name.equals("/");
    if (!atRoot && (name.isEmpty() || name.startsWith("/") || Glob.escapes(name))) {
      return failed("CLIENT_ERROR: artifact name '" + name + "' (from '" + spec.name() + "') is empty or leaves the store");
    }
    String key = atRoot ? target.prefix() : target.prefix().isEmpty() ? name : target.prefix() + "/" + name;
    try {
      Map<String, Path> entries = ArtifactPacker.select(src, spec);
      if (!zip) {
        return copy(entries, key, target.storeRoot(), log);
      }
      ArtifactPacker.Packed packed = ArtifactPacker.pack(entries, target.storeRoot().resolve(key), target.timestamp());
      log.container("Uploading " + packed.entries() + " file(s) to " + key + " (sha256 " + packed.sha256() + ")");
      return new Uploaded(new BuildRun.Artifact(packed.file().toString(), packed.size(), packed.sha256()), null);
    } catch (ArtifactPacker.ArtifactException e) {
      log.container("Phase context status code: CLIENT_ERROR Message: " + e.getMessage());
      return failed("CLIENT_ERROR: " + e.getMessage());
    } catch (IOException e) {
      return failed("CLIENT_ERROR: cannot write " + key + ": " + e.getMessage());
    }
  }

  /**
   * NONE packaging of a buildspec of one's own: the selected files as they are, in the build's own
   * folder of {@code location} ({@code IDENTIFIER/}, then the artifact's name when it has one).
   */
  private static Uploaded files(Buildspec.Artifacts spec, String identifier, Path src, Path location, ShellSession session, Path valueFile,
      BuildLog log) {
    String name = spec.name() == null ? "" : session.evaluate(spec.name(), valueFile).trim();
    if (name.startsWith("/") && !name.equals("/") || Glob.escapes(name)) {
      return failed("CLIENT_ERROR: artifact name '" + name + "' (from '" + spec.name() + "') leaves the store");
    }
    Path folder = name.isEmpty() || name.equals("/") ? location.resolve(identifier) : location.resolve(identifier).resolve(name);
    try {
      Map<String, Path> entries = ArtifactPacker.select(src, spec);
      long size = 0;
      for (Map.Entry<String, Path> e : entries.entrySet()) {
        size += place(e.getValue(), folder.resolve(e.getKey()));
      }
      log.container("Uploading " + entries.size() + " file(s) to " + folder);
      return new Uploaded(new BuildRun.Artifact(folder.toString(), size, null), null);
    } catch (ArtifactPacker.ArtifactException e) {
      log.container("Phase context status code: CLIENT_ERROR Message: " + e.getMessage());
      return failed("CLIENT_ERROR: " + e.getMessage());
    } catch (IOException e) {
      return failed("CLIENT_ERROR: cannot write " + folder + ": " + e.getMessage());
    }
  }

  /** Copies a file through a .part beside its final name; its size. */
  static long place(Path from, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.copy(from, part, StandardCopyOption.REPLACE_EXISTING);
      AtomicFiles.replace(part, target);
    } finally {
      Files.deleteIfExists(part);
    }
    return Files.size(target);
  }

  /**
   * NONE packaging: each file copied under {@code key} through a .part file. crossbatch collects one
   * archive per build, so exactly one file besides .sha256 ones must be there; its .sha256, when
   * the build wrote one, must name it with its SHA-256.
   */
  private static Uploaded copy(Map<String, Path> entries, String key, Path storeRoot, BuildLog log) throws IOException {
    List<String> archives = entries.keySet().stream().filter(e -> !e.endsWith(ArtifactCatalog.SIDECAR)).toList();
    if (archives.size() != 1) {
      return failed("CLIENT_ERROR: the build left " + archives.size() + " files to upload besides .sha256 ones (" + String.join(", ", archives)
          + "); crossbatch collects one archive per build");
    }
    String archive = archives.get(0);
    String sha256 = Checksums.sha256(entries.get(archive));
    Path sidecar = entries.get(archive + ArtifactCatalog.SIDECAR);
    if (sidecar != null) {
      String line = BoundedFiles.readString(sidecar, 4096).trim();
      if (!line.equals(sha256 + "  " + Path.of(archive).getFileName())) {
        return failed("CLIENT_ERROR: " + archive + ArtifactCatalog.SIDECAR + " does not hold the archive's SHA-256 (" + sha256 + "): '" + line + "'");
      }
    }
    Path folder = key.isEmpty() ? storeRoot : storeRoot.resolve(key);
    for (Map.Entry<String, Path> e : entries.entrySet()) {
      place(e.getValue(), folder.resolve(e.getKey()));
    }
    Path stored = folder.resolve(archive);
    log.container("Uploading " + entries.size() + " file(s) to " + (key.isEmpty() ? "the store's root" : key) + ": " + archive + " (sha256 " + sha256 + ")");
    return new Uploaded(new BuildRun.Artifact(stored.toString(), Files.size(stored), sha256), null);
  }

  private static Uploaded failed(String why) {
    return new Uploaded(null, why);
  }
}
