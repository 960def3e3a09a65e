package dev.crossbatch.cli.render.json;

import java.nio.file.Path;
import java.util.List;

/**
 * release: the batch, and where SHA256SUMS and manifest.json went (null when the batch failed);
 * on CodeBuild also what --publish put in S3; with a signing key the .minisig files.
 */
public record ReleaseJson(@Inline BatchJson batch, String checksums, String manifest, @OmitWhenNull List<String> published,
    @OmitWhenNull List<String> signatures) {
  public static ReleaseJson of(BatchJson batch, Path checksums, Path manifest, List<String> published) {
    return of(batch, checksums, manifest, published, List.of());
  }

  public static ReleaseJson of(BatchJson batch, Path checksums, Path manifest, List<String> published, List<Path> signatures) {
    return new ReleaseJson(batch, checksums == null ? null : checksums.toString(), manifest == null ? null : manifest.toString(), published,
        signatures.isEmpty() ? null : signatures.stream().map(Path::toString).toList());
  }
}
