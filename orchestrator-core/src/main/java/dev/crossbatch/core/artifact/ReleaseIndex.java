package dev.crossbatch.core.artifact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.crossbatch.core.source.Commit;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commit and version of each archive, as the manifest.json files in a store record them: how an
 * archive named by {@code {version}} alone is found by its commit, and any archive by its version.
 * A manifest that cannot be read, is too large, or names no commit is passed over: its archives
 * stay unknown, never guessed.
 */
final class ReleaseIndex {
  /** What one manifest says of one archive. */
  record Release(String commit, String version) {}

  /** A manifest lists a few dozen archives; anything far larger is not one crossbatch wrote. */
  static final int MAX_MANIFEST_BYTES = 1 << 20;

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Release> byFileName;

  private ReleaseIndex(Map<String, Release> byFileName) {
    this.byFileName = byFileName;
  }

  /** Reads every manifest; later ones (by modification time) win for a file both name. */
  static ReleaseIndex read(ArtifactStore store, List<StoredObject> manifests) {
    Map<String, Release> byFileName = new HashMap<>();
    manifests.stream()
        .filter(m -> m.size() <= MAX_MANIFEST_BYTES)
        .sorted((a, b) -> a.modified().compareTo(b.modified()))
        .forEach(m -> {
          try (InputStream in = store.open(m, 0)) {
            parse(in.readNBytes(MAX_MANIFEST_BYTES), byFileName);
          } catch (IOException | RuntimeException unreadable) {
            // not a manifest this tool can use: its archives stay without a commit
          }
        });
    return new ReleaseIndex(byFileName);
  }

  Optional<Release> of(String fileName) {
    return Optional.ofNullable(byFileName.get(fileName));
  }

  /** The top level's commit and version, and each artifacts[].file's last segment. */
  private static void parse(byte[] json, Map<String, Release> into) throws IOException {
    String commit = null;
    String version = null;
    List<String> files = new ArrayList<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "commit" -> commit = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "version" -> version = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "artifacts" -> {
            if (value != JsonToken.START_ARRAY) {
              return;
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (key.equals("file") && v == JsonToken.VALUE_STRING) {
                  String file = p.getText();
                  files.add(file.substring(file.lastIndexOf('/') + 1));
                } else {
                  p.skipChildren();
                }
              }
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    if (commit == null || !Commit.isId(commit)) {
      return;
    }
    Release release = new Release(commit, version == null ? "" : version);
    files.forEach(f -> into.put(f, release));
  }
}
