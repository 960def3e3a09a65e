package dev.crossbatch.core.release;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.signing.Minisign;
import dev.crossbatch.core.signing.ReleaseSigner;
import dev.crossbatch.core.signing.VerifyingKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * crossbatch verify: a release folder checked against a public key. SHA256SUMS must carry the key's
 * signature, manifest.json too when it is there, and every file SHA256SUMS lists (zips, SBOMs,
 * provenance) must be present with its SHA-256; then each SBOM the signed manifest names must
 * describe its zip, and its provenance must be signed by the key and name every zip with its
 * SHA-256 ({@link AttestationChecks}). Every check is reported; the release is valid only when all pass.
 */
public final class ReleaseVerification {
  /** One check: the file, what was checked, and why it failed (null when it passed). */
  public record Check(String file, String what, String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  /** All checks of a folder, in order. */
  public record Report(Path dir, VerifyingKey key, List<Check> checks) {
    public boolean valid() {
      return !checks.isEmpty() && checks.stream().allMatch(Check::ok);
    }

    public List<Check> failed() {
      return checks.stream().filter(c -> !c.ok()).toList();
    }
  }

  private ReleaseVerification() {}

  public static Report verify(Path dir, VerifyingKey key) {
    List<Check> checks = new ArrayList<>();
    Path sums = dir.resolve(Checksums.FILE);
    Check sumsSignature = signature(sums, key);
    checks.add(sumsSignature);
    Path manifest = dir.resolve(Manifest.FILE);
    Check manifestSignature = Files.exists(manifest) ? signature(manifest, key) : null;
    if (manifestSignature != null) {
      checks.add(manifestSignature);
    }
    if (!sumsSignature.ok()) {
      return new Report(dir, key, List.copyOf(checks)); // an unsigned list proves nothing about the files it names
    }
    Map<String, String> listed;
    try {
      listed = Checksums.parse(BoundedFiles.readString(sums, ReleaseSigner.MAX_SIGNED));
    } catch (IOException | Checksums.MalformedException e) {
      checks.add(new Check(Checksums.FILE, "format", "cannot be read as sha256sum lines: " + e.getMessage()));
      return new Report(dir, key, List.copyOf(checks));
    }
    for (Map.Entry<String, String> entry : listed.entrySet()) {
      checks.add(file(dir, entry.getKey(), entry.getValue()));
    }
    if (manifestSignature != null && manifestSignature.ok()) {
      checks.addAll(AttestationChecks.of(dir, manifest, listed, key));
    }
    return new Report(dir, key, List.copyOf(checks));
  }

  private static Check signature(Path file, VerifyingKey key) {
    String name = file.getFileName().toString();
    Path signature = file.resolveSibling(name + key.signatureSuffix());
    if (!Files.isRegularFile(file)) {
      return new Check(name, "signature", "missing");
    }
    if (!Files.isRegularFile(signature)) {
      return new Check(name, "signature", "no " + signature.getFileName() + ": the release is not signed");
    }
    try {
      key.verify(BoundedFiles.read(file, ReleaseSigner.MAX_SIGNED), BoundedFiles.readString(signature, Minisign.MAX_FILE_BYTES));
      return new Check(name, "signature", null);
    } catch (Minisign.SignatureException e) {
      return new Check(name, "signature", e.getMessage());
    } catch (IOException e) {
      return new Check(name, "signature", "cannot be read: " + e.getMessage());
    }
  }

  private static Check file(Path dir, String name, String sha256) {
    Path file = dir.resolve(name).normalize();
    if (!file.startsWith(dir.normalize()) || name.contains("\\")) {
      return new Check(name, "sha256", "names a file outside the folder");
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return new Check(name, "sha256", "missing");
    }
    try {
      String actual = Checksums.sha256(file);
      return new Check(name, "sha256", actual.equals(sha256) ? null : "SHA-256 " + actual + ", SHA256SUMS lists " + sha256);
    } catch (IOException e) {
      return new Check(name, "sha256", "cannot be read: " + e.getMessage());
    }
  }
}
