package dev.crossbatch.core.artifact;

import java.util.List;

/** The artifacts list use case: the zips in a store that the naming rule recognizes, narrowed by the filter, newest commit first. */
public final class ListArtifacts {
  private ListArtifacts() {}

  /**
   * @param naming crossbatch.yml's artifact name, which tells a release's zips from other files
   * @param name the project's name, as the zips are named
   */
  public static List<ArtifactCatalog.Entry> run(ArtifactStore store, ArtifactName naming, String name, ArtifactFilter filter) {
    return ArtifactCatalog.read(store, naming, name, filter).select(filter);
  }
}
