package dev.crossbatch.cli.render.json;

import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactStore;

/** artifacts list: one zip in the store. */
public record StoredZipJson(String platform, String os, String arch, String variant, String commit, String version, String file, String path, String location,
    long size, String modified) {
  public static StoredZipJson of(ArtifactCatalog.Entry e, ArtifactStore store) {
    return new StoredZipJson(e.platform().toString(), e.platform().os(), e.platform().arch(), e.platform().variant(), e.commit(), e.version(), e.fileName(),
        e.object().path(), store.location() + e.object().path(), e.object().size(), e.object().modified().toString());
  }
}
