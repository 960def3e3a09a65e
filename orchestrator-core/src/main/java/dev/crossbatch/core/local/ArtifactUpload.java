package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.buildspec.Buildspec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A build's UPLOAD_ARTIFACTS phase on this machine: the zip named in the build's shell, its files selected and packed into the store. */
final class ArtifactUpload {
  /** The zip, or why there is none (null and null: the buildspec has no artifacts). */
  record Uploaded(BuildRun.Artifact artifact, String failure) {}

  private ArtifactUpload() {}

  /** Evaluates the zip's name in the build's shell, selects the files and packs them into the store. */
  static Uploaded upload(Buildspec.Artifacts spec, String identifier, Path src, LocalBuild.ArtifactTarget target, ShellSession session, Path valueFile,
      BuildLog log) {
    if (spec == null) {
      return new Uploaded(null, null);
    }
    String name = spec.name() == null ? identifier + ".zip" : session.evaluate(spec.name(), valueFile).trim();
    if (name.isEmpty() || name.startsWith("/") || Glob.escapes(name)) {
      return failed("CLIENT_ERROR: artifact name '" + name + "' (from '" + spec.name() + "') is empty or leaves the store");
    }
    String key = target.prefix().isEmpty() ? name : target.prefix() + "/" + name;
    try {
      Map<String, Path> entries = ArtifactPacker.select(src, spec);
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

  private static Uploaded failed(String why) {
    return new Uploaded(null, why);
  }
}
