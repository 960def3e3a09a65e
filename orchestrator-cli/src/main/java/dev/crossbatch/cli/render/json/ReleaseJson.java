package dev.crossbatch.cli.render.json;

import java.nio.file.Path;
import java.util.List;

/**
 * release: the batch, and where SHA256SUMS and manifest.json went (null when the batch failed);
 * on CodeBuild also what --publish put in S3.
 */
public record ReleaseJson(@Inline BatchJson batch, String checksums, String manifest, @OmitWhenNull List<String> published) {
  public static ReleaseJson of(BatchJson batch, Path checksums, Path manifest, List<String> published) {
    return new ReleaseJson(batch, checksums == null ? null : checksums.toString(), manifest == null ? null : manifest.toString(), published);
  }
}
