package dev.crossbatch.core.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.signing.Dsse;
import dev.crossbatch.core.signing.ReleaseSigner;
import dev.crossbatch.core.signing.VerifyingKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a signed manifest's SBOMs and provenance: each SBOM describes its zip (its
 * component's name and SHA-256), and the provenance holds an envelope signed by the key whose
 * statement is SLSA v1 provenance with every zip of the manifest among its subjects, each subject
 * of the SHA-256 SHA256SUMS lists. Their bytes are checked against SHA256SUMS by the caller.
 */
final class AttestationChecks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AttestationChecks() {}

  /** @param manifestBytes manifest.json as its signature was checked on */
  static List<ReleaseVerification.Check> of(Path dir, byte[] manifestBytes, Map<String, String> listed, VerifyingKey key) {
    List<ReleaseVerification.Check> checks = new ArrayList<>();
    JsonNode manifest;
    try {
      manifest = JSON.readTree(manifestBytes);
    } catch (IOException e) {
      checks.add(new ReleaseVerification.Check(Manifest.FILE, "format", "cannot be read as JSON: " + e.getMessage()));
      return checks;
    }
    for (JsonNode artifact : manifest.path("artifacts")) {
      if (artifact.hasNonNull("sbom")) {
        checks.add(sbom(dir, artifact.path("sbom").asText(), artifact.path("file").asText(), artifact.path("sha256").asText()));
      }
    }
    if (manifest.hasNonNull("provenance")) {
      List<String> archives = new ArrayList<>();
      manifest.path("artifacts").forEach(a -> archives.add(a.path("file").asText()));
      checks.add(provenance(dir, manifest.path("provenance").asText(), archives, listed, key));
    }
    return checks;
  }

  private static ReleaseVerification.Check sbom(Path dir, String name, String archive, String sha256) {
    Path file = ReleaseVerification.inside(dir, name);
    if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return new ReleaseVerification.Check(name, "sbom", "missing");
    }
    try {
      JsonNode bom = JSON.readTree(BoundedFiles.read(file, ReleaseSigner.MAX_SIGNED));
      JsonNode component = bom.path("metadata").path("component");
      String described = null;
      for (JsonNode hash : component.path("hashes")) {
        if (hash.path("alg").asText().equals("SHA-256")) {
          described = hash.path("content").asText();
        }
      }
      String archiveName = archive.substring(archive.lastIndexOf('/') + 1);
      if (!bom.path("bomFormat").asText().equals("CycloneDX") || !component.path("name").asText().equals(archiveName)) {
        return new ReleaseVerification.Check(name, "sbom", "does not describe " + archiveName);
      }
      return new ReleaseVerification.Check(name, "sbom", sha256.equals(described) ? null
          : "describes " + archiveName + " of SHA-256 " + described + ", the manifest lists " + sha256);
    } catch (IOException e) {
      return new ReleaseVerification.Check(name, "sbom", "cannot be read as a CycloneDX JSON SBOM: " + e.getMessage());
    }
  }

  private static ReleaseVerification.Check provenance(Path dir, String name, List<String> archives, Map<String, String> listed,
      VerifyingKey key) {
    Path file = ReleaseVerification.inside(dir, name);
    if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return new ReleaseVerification.Check(name, "provenance", "missing");
    }
    Set<String> proven = new HashSet<>();
    try {
      for (String line : BoundedFiles.readString(file, Dsse.MAX_BYTES).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        Dsse.Opened opened = Dsse.open(line, key);
        JsonNode statement = JSON.readTree(opened.payload());
        if (!opened.payloadType().equals(Dsse.IN_TOTO) || !statement.path("_type").asText().equals(Provenance.STATEMENT)
            || !statement.path("predicateType").asText().equals(Provenance.PREDICATE)) {
          return new ReleaseVerification.Check(name, "provenance", "an envelope that is not an in-toto statement of SLSA v1 provenance");
        }
        for (Map.Entry<String, String> subject : Dsse.subjects(statement).entrySet()) {
          String subjectName = subject.getKey();
          String sha = subject.getValue();
          if (!sha.equals(listed.get(subjectName))) {
            return new ReleaseVerification.Check(name, "provenance", "its subject " + subjectName + " has SHA-256 " + sha + ", SHA256SUMS lists "
                + listed.get(subjectName));
          }
          proven.add(subjectName);
        }
      }
    } catch (Dsse.Invalid e) {
      return new ReleaseVerification.Check(name, "provenance", e.getMessage());
    } catch (IOException e) {
      return new ReleaseVerification.Check(name, "provenance", "cannot be read: " + e.getMessage());
    }
    List<String> unproven = archives.stream().filter(a -> !proven.contains(a)).toList();
    return new ReleaseVerification.Check(name, "provenance", unproven.isEmpty() ? null : "no subject for " + String.join(", ", unproven));
  }
}
