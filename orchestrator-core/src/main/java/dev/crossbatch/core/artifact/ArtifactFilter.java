package dev.crossbatch.core.artifact;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.source.Commit;
import java.util.List;
import java.util.Locale;

/**
 * Which artifacts a command wants.
 *
 * @param commit 7 to 40 hex characters, or null for every commit
 * @param platforms empty for every platform
 * @param latest only the commit with the newest artifact
 * @param version a release version ({@code git describe}: v1.30.1), or null for every version
 */
public record ArtifactFilter(String commit, List<Platform> platforms, boolean latest, String version) {
  public ArtifactFilter(String commit, List<Platform> platforms, boolean latest) {
    this(commit, platforms, latest, null);
  }

  public ArtifactFilter {
    if (version != null && (commit != null || latest)) {
      throw CrossbatchException.usage("--version picks one release, as --commit and --latest do", "give one of them");
    }
    if (commit != null) {
      commit = commit.toLowerCase(Locale.ROOT);
      if (!Commit.isId(commit)) {
        throw CrossbatchException.usage("--commit " + commit + ": give 7 to 40 hex characters of a commit",
            "e.g. --commit 3f9c2e1 (git rev-parse --short HEAD)");
      }
      if (latest) {
        throw CrossbatchException.usage("--commit and --latest exclude each other", "pick one");
      }
    }
    platforms = List.copyOf(platforms);
  }

  public static ArtifactFilter all() {
    return new ArtifactFilter(null, List.of(), false);
  }

  /** Whether a name's commit (7 characters or the full SHA) is the asked one. */
  boolean commitMatches(String named) {
    return commit == null || new Commit(commit).matches(named);
  }

  /**
   * Whether an artifact of {@code named} (its version, from its name or its release's manifest; ""
   * when unknown) is asked for; v1.30.1 and 1.30.1 are the same release.
   */
  boolean versionMatches(String named) {
    return version == null || !named.isEmpty() && ArtifactName.withoutV(version).equals(ArtifactName.withoutV(named));
  }

  public boolean platformMatches(Platform platform) {
    return platforms.isEmpty() || platforms.contains(platform);
  }
}
