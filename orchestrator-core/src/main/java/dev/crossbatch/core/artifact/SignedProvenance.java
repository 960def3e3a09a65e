package dev.crossbatch.core.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.signing.Dsse;
import dev.crossbatch.core.signing.VerifyingKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The provenance a signed SHA256SUMS lists ({@code NAME_COMMIT7.intoto.jsonl}, beside it), checked
 * by a download with --verify-key before any zip is fetched: its bytes of the listed SHA-256, each
 * envelope signed by the key, and every selected zip one of its subjects with the SHA-256 the
 * signed list gives it (docs/provenance.md).
 */
final class SignedProvenance {
  static final String SUFFIX = ".intoto.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SignedProvenance() {}

  /**
   * Checks the provenance {@code listed} names (when it names one) against the zips {@code selected}.
   *
   * @param listed the signed SHA256SUMS's lines
   * @param folder the folder the SHA256SUMS is in ("" or ending in '/')
   * @param sha256 each selected zip's name in that SHA256SUMS to its signed SHA-256
   */
  static void check(ArtifactStore store, String folder, Map<String, String> listed, Map<String, String> sha256, VerifyingKey key) {
    List<String> provenance = listed.keySet().stream().filter(f -> f.endsWith(SUFFIX) && !f.contains("/")).toList();
    if (provenance.isEmpty() || sha256.isEmpty()) {
      return; // a release signed before provenance: its signed list is the proof
    }
    Map<String, String> subjects = new HashMap<>();
    for (String name : provenance) {
      String where = store.location() + folder + name;
      StoredObject object = store.find(folder + name).orElseThrow(() -> refused(where + " is missing, and the signed SHA256SUMS lists it"));
      if (object.size() > Dsse.MAX_BYTES) {
        throw refused(where + " is too large to be a release's provenance");
      }
      byte[] bytes;
      try (InputStream in = store.open(object, 0)) {
        bytes = in.readNBytes(Dsse.MAX_BYTES + 1);
      } catch (IOException e) {
        throw new CrossbatchException(ErrorKind.AWS, "cannot read " + where + ": " + e.getMessage(), "run the command again");
      }
      if (!Checksums.sha256Hex(bytes).equals(listed.get(name))) {
        throw refused(where + " is not the provenance the signed SHA256SUMS lists");
      }
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          subjects.putAll(subjects(line, where, key));
        }
      }
    }
    sha256.forEach((file, sha) -> {
      String name = fileName(file);
      if (!sha.equals(subjects.get(name))) {
        throw refused(file + " is " + (subjects.containsKey(name) ? "another SHA-256 in" : "no subject of") + " the release's provenance");
      }
    });
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static Map<String, String> subjects(String line, String where, VerifyingKey key) {
    try {
      Dsse.Opened opened = Dsse.open(line, key);
      Map<String, String> subjects = new HashMap<>();
      // by file name: the statement names each zip as dist/ holds it, a published list relative to its folder
      Dsse.subjects(JSON.readTree(opened.payload())).forEach((name, sha) -> subjects.put(fileName(name), sha));
      return subjects;
    } catch (Dsse.Invalid | IOException e) {
      throw refused(where + ": " + e.getMessage());
    }
  }

  private static CrossbatchException refused(String what) {
    return new CrossbatchException(ErrorKind.INTEGRITY, what, "nothing was downloaded; get the release from where it was signed");
  }
}
