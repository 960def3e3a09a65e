package dev.crossbatch.core.local;

import java.nio.file.Path;

/**
 * Where a build's artifacts go, as the project's artifacts settings say: the primary one into the
 * store (under {@code prefix}), each secondary one into {@code secondaryRoot/ARTIFACT_ID/IDENTIFIER/}.
 *
 * @param timestamp the fixed time of zip entries
 */
record ArtifactTarget(Path storeRoot, String prefix, long timestamp, Packaging packaging, Path secondaryRoot) {
  /** How a build's primary artifact is stored. */
  enum Packaging {
    /** CodeBuild's ZIP packaging: the selected files zipped under the artifact's name (crossbatch.yml's zips). */
    ZIP,
    /** NONE packaging of an archive the build made, with its .sha256 (crossbatch.yml's tar.gz). */
    ARCHIVE,
    /** NONE packaging of a buildspec of one's own: the files as they are, in the build's folder. */
    FILES
  }
}
