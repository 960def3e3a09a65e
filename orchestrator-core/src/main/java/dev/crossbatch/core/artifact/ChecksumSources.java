package dev.crossbatch.core.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SHA-256 each artifact should have, from the best source known: CodeBuild's sha256sum of a
 * tracked batch, then a SHA256SUMS published beside the zips (the one in the zip's own folder
 * first), then the store's own checksum of the whole object.
 */
public final class ChecksumSources {
  /** A SHA256SUMS larger than this is not one crossbatch wrote. */
  static final int MAX_SUMS_BYTES = 1 << 20;

  private ChecksumSources() {}

  /**
   * @param fromCodeBuild file name to SHA-256, as CodeBuild reported it for a batch it built
   * @return file name to expected SHA-256; files no source knows are absent
   */
  public static Map<String, Downloader.Expected> resolve(ArtifactStore store, ArtifactCatalog catalog, List<ArtifactCatalog.Entry> selected,
      Map<String, String> fromCodeBuild) {
    Map<String, Downloader.Expected> expected = new HashMap<>();
    fromCodeBuild.forEach((file, sha) -> expected.put(file, new Downloader.Expected(sha, "CodeBuild")));
    List<StoredObject> sums = new ArrayList<>(catalog.sumsFor(selected));
    Map<StoredObject, Map<String, String>> read = new HashMap<>();
    for (StoredObject s : sums) {
      read.put(s, read(store, s));
    }
    for (ArtifactCatalog.Entry e : selected) {
      if (expected.containsKey(e.fileName())) {
        continue;
      }
      // the SHA256SUMS in the zip's own folder speaks for it before one elsewhere
      sums.stream()
          .sorted((a, b) -> Boolean.compare(!a.folder().equals(e.object().folder()), !b.folder().equals(e.object().folder())))
          .flatMap(s -> lookup(read.get(s), e, s).stream().map(sha -> new Downloader.Expected(sha, store.location() + s.path())))
          .findFirst()
          .or(() -> store.sha256(e.object()).map(sha -> new Downloader.Expected(sha, "the store's checksum")))
          .ifPresent(x -> expected.put(e.fileName(), x));
    }
    return expected;
  }

  /** An entry naming the zip by its path relative to the SHA256SUMS, or by its file name. */
  private static Optional<String> lookup(Map<String, String> sums, ArtifactCatalog.Entry e, StoredObject sumsFile) {
    String relative = e.object().path().startsWith(sumsFile.folder()) ? e.object().path().substring(sumsFile.folder().length()) : null;
    if (relative != null && sums.containsKey(relative)) {
      return Optional.of(sums.get(relative));
    }
    return Optional.ofNullable(sums.get(e.fileName()));
  }

  private static Map<String, String> read(ArtifactStore store, StoredObject sums) {
    if (sums.size() > MAX_SUMS_BYTES) {
      return Map.of();
    }
    try (InputStream in = store.open(sums, 0)) {
      return Checksums.parse(new String(in.readNBytes(MAX_SUMS_BYTES), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Map.of(); // an unreadable SHA256SUMS is no source; the others still are
    }
  }
}
