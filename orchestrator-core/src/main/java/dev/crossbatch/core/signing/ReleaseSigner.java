package dev.crossbatch.core.signing;

import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.io.IoErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs a release's own files (SHA256SUMS, manifest.json): FILE.minisig beside each with a minisign
 * key, verifiable with {@code minisign -Vm FILE -p crossbatch.pub}; FILE.sig with an ECDSA key in
 * KMS (docs/signing.md). Written atomically.
 */
public final class ReleaseSigner {
  /** The signature file's suffix of a minisign key, as minisign names it. */
  public static final String SUFFIX = ".minisig";
  /** The signature file's suffix of an ECDSA key in KMS. */
  public static final String SIG = ".sig";
  /** Every suffix a release's signature files have. */
  public static final List<String> SUFFIXES = List.of(SUFFIX, SIG);
  /** SHA256SUMS and manifest.json are small; anything larger is not one of them (here and when they are verified). */
  public static final int MAX_SIGNED = 64 << 20;

  private final SigningKey key;
  private final Clock clock;

  public ReleaseSigner(SigningKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  public VerifyingKey publicKey() {
    return key.verifyingKey();
  }

  /** The suffix of the signature files this key writes. */
  public String suffix() {
    return key.verifyingKey().signatureSuffix();
  }

  /** The signature file's text of {@code content} (a .minisig names {@code fileName} in its trusted comment). */
  public String signature(byte[] content, String fileName) {
    return key.signatureFile(content, fileName, clock.instant().getEpochSecond());
  }

  /** The DSSE envelope of {@code payload}, signed with this key (one line of JSON). */
  public String envelope(String payloadType, byte[] payload) {
    return Dsse.envelope(payloadType, payload, java.util.Optional.of(key));
  }

  /** Signs each file as it is on disk now; returns the signature files. */
  public List<Path> sign(List<Path> files) {
    List<Path> signatures = new ArrayList<>();
    for (Path file : files) {
      byte[] content;
      try {
        content = BoundedFiles.read(file, MAX_SIGNED);
      } catch (IOException e) {
        throw IoErrors.cannot("read", file, e);
      }
      Path signature = file.resolveSibling(file.getFileName() + suffix());
      AtomicFiles.write(signature, signature(content, file.getFileName().toString()));
      signatures.add(signature);
    }
    return List.copyOf(signatures);
  }
}
