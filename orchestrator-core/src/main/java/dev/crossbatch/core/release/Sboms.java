package dev.crossbatch.core.release;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.sbom.ArchiveBinaries;
import dev.crossbatch.core.sbom.CycloneDx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The SBOM of each zip of a release, ZIP.cdx.json beside it, read from the zip as verified (docs/sbom.md). */
final class Sboms {
  private Sboms() {}

  /** Writes each artifact's SBOM (atomically) and returns the manifest that lists them. */
  static Manifest write(Path dist, Manifest manifest) {
    List<Manifest.Entry> entries = new ArrayList<>();
    for (Manifest.Entry entry : manifest.artifacts()) {
      Path archive = dist.resolve(entry.file());
      List<ArchiveBinaries.Binary> binaries;
      try {
        binaries = ArchiveBinaries.of(archive);
      } catch (ArchiveBinaries.Unreadable e) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, "cannot write the SBOM of " + entry.file() + ": " + e.getMessage(),
            "run the release again; the build's archive step made a file that cannot be read back");
      }
      String version = manifest.version();
      byte[] json = CycloneDx.json(new CycloneDx.Archive(archive.getFileName().toString(), entry.sha256(), version,
          manifest.tools().getOrDefault("crossbatch", "unknown")), binaries).getBytes(StandardCharsets.UTF_8);
      Manifest.Entry withSbom = entry.withSbom(Checksums.sha256Hex(json));
      AtomicFiles.write(dist.resolve(withSbom.sbom()), json);
      entries.add(withSbom);
    }
    return manifest.withArtifacts(entries);
  }

  /** The zip an SBOM's file name describes, or the name itself when it names no SBOM. */
  static String archiveOf(String fileName) {
    return fileName.endsWith(CycloneDx.SUFFIX) ? fileName.substring(0, fileName.length() - CycloneDx.SUFFIX.length()) : fileName;
  }
}
