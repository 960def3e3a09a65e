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
 * Signs a release's own files (SHA256SUMS, manifest.json) with a minisign key: FILE.minisig beside
 * each, written atomically, verifiable with {@code minisign -Vm FILE -p crossbatch.pub}.
 */
public final class ReleaseSigner {
  /** The signature file's suffix, as minisign names it. */
  public static final String SUFFIX = ".minisig";
  /** SHA256SUMS and manifest.json are small; anything larger is not one of them (here and when they are verified). */
  public static final int MAX_SIGNED = 64 << 20;

  private final Minisign.SecretKey key;
  private final Clock clock;

  public ReleaseSigner(Minisign.SecretKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  public Minisign.PublicKey publicKey() {
    return key.pub();
  }

  /** The .minisig text of {@code content}, named {@code fileName} in its trusted comment. */
  public String signature(byte[] content, String fileName) {
    return Minisign.sign(key, content, fileName, clock.instant().getEpochSecond());
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
      Path signature = file.resolveSibling(file.getFileName() + SUFFIX);
      AtomicFiles.write(signature, signature(content, file.getFileName().toString()));
      signatures.add(signature);
    }
    return List.copyOf(signatures);
  }
}
