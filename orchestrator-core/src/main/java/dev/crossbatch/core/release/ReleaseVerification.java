package dev.crossbatch.core.release;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.signing.Minisign;
import dev.crossbatch.core.signing.ReleaseSigner;
import dev.crossbatch.core.signing.VerifyingKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    Signed sums = signature(dir.resolve(Checksums.FILE), key);
    checks.add(sums.check());
    Path manifest = dir.resolve(Manifest.FILE);
    Signed signedManifest = Files.exists(manifest) ? signature(manifest, key) : null;
    if (signedManifest != null) {
      checks.add(signedManifest.check());
    }
    if (!sums.check().ok()) {
      return new Report(dir, key, List.copyOf(checks)); // an unsigned list proves nothing about the files it names
    }
    Map<String, String> listed;
    try {
      listed = Checksums.parse(new String(sums.bytes(), StandardCharsets.UTF_8)); // the bytes the signature was checked on
    } catch (Checksums.MalformedException e) {
      checks.add(new Check(Checksums.FILE, "format", "cannot be read as sha256sum lines: " + e.getMessage()));
      return new Report(dir, key, List.copyOf(checks));
    }
    for (Map.Entry<String, String> entry : listed.entrySet()) {
      checks.add(file(dir, entry.getKey(), entry.getValue()));
    }
    if (signedManifest != null && signedManifest.check().ok()) {
      checks.addAll(AttestationChecks.of(dir, signedManifest.bytes(), listed, key));
    }
    return new Report(dir, key, List.copyOf(checks));
  }

  /** A signature's check, and the bytes it was made on when it passed: read once, checked and used. */
  private record Signed(Check check, byte[] bytes) {}

  private static Signed signature(Path file, VerifyingKey key) {
    String name = file.getFileName().toString();
    Path signature = file.resolveSibling(name + key.signatureSuffix());
    if (!Files.isRegularFile(file)) {
      return new Signed(new Check(name, "signature", "missing"), null);
    }
    if (!Files.isRegularFile(signature)) {
      return new Signed(new Check(name, "signature", "no " + signature.getFileName() + ": the release is not signed"), null);
    }
    try {
      byte[] bytes = BoundedFiles.read(file, ReleaseSigner.MAX_SIGNED);
      key.verify(bytes, BoundedFiles.readString(signature, Minisign.MAX_FILE_BYTES));
      return new Signed(new Check(name, "signature", null), bytes);
    } catch (Minisign.SignatureException e) {
      return new Signed(new Check(name, "signature", e.getMessage()), null);
    } catch (IOException e) {
      return new Signed(new Check(name, "signature", "cannot be read: " + e.getMessage()), null);
    }
  }

  /** The file {@code name} stands for in {@code dir}; null when the name reaches outside it (.., absolute, backslashes). */
  static Path inside(Path dir, String name) {
    Path file = dir.resolve(name).normalize();
    return file.startsWith(dir.normalize()) && !name.contains("\\") ? file : null;
  }

  private static Check file(Path dir, String name, String sha256) {
    Path file = inside(dir, name);
    if (file == null) {
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
