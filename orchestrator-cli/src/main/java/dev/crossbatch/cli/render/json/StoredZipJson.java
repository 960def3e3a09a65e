package dev.crossbatch.cli.render.json;

import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactStore;

/**
 * artifacts list: one zip in the store.
 *
 * @param release how whole its commit's release is: complete, incomplete or unpublished ({@link ArtifactCatalog.Completeness})
 */
public record StoredZipJson(String platform, String os, String arch, String variant, String commit, String version, String file, String path, String location,
    long size, String modified, String release) {
  public static StoredZipJson of(ArtifactCatalog.Entry e, ArtifactStore store, ArtifactCatalog.Completeness release) {
    return new StoredZipJson(e.platform().toString(), e.platform().os(), e.platform().arch(), e.platform().variant(), e.commit(), e.version(), e.fileName(),
        e.object().path(), store.location() + e.object().path(), e.object().size(), e.object().modified().toString(),
        release == null ? null : release.name().toLowerCase(java.util.Locale.ROOT));
  }
}
