package dev.crossbatch.core.artifact;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.signing.Minisign;
import dev.crossbatch.core.signing.ReleaseSigner;
import dev.crossbatch.core.signing.VerifyingKey;
import dev.crossbatch.core.time.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SHA-256 each artifact should have, from every independent source known, best first:
 * CodeBuild's sha256sum of a batch followed from here, then the SHA256SUMS published beside the
 * zips (the one in the zip's own folder first), then the store's own checksum of the whole object.
 * A source that exists but cannot be read whole, or does not parse, is an error: never "no
 * checksum known". What a download wrote itself is never a source.
 */
public final class ChecksumSources {
  /** A SHA256SUMS larger than this is not one of release zips. */
  static final int MAX_SUMS_BYTES = 1 << 20;

  /** CodeBuild's SHA-256 of each zip of a commit, remembered here, and how to refresh them when stale. */
  public record Remembered(Map<String, String> sums, String where, String refresh) {
    public static final Remembered NONE = new Remembered(Map.of(), null, null);
  }

  /**
   * What is known of the selected artifacts' SHA-256s.
   *
   * @param byFile file name to the SHA-256s that sources give it, best first; absent when none does
   * @param shouldExist why a SHA-256 must be known for every file (a source exists for the commit); empty when none does
   */
  public record Known(Map<String, List<Downloader.Expected>> byFile, List<String> shouldExist) {
    public List<Downloader.Expected> of(String fileName) {
      return byFile.getOrDefault(fileName, List.of());
    }

    public boolean required() {
      return !shouldExist.isEmpty();
    }
  }

  /** How often to read a source again when a read breaks or gives damaged text, and the wait between. */
  public record Reading(int attempts, Duration backoff, Sleeper sleeper) {}

  private ChecksumSources() {}

  public static Known resolve(ArtifactStore store, ArtifactCatalog catalog, List<ArtifactCatalog.Entry> selected, Remembered codebuild,
      Reading reading) {
    List<String> shouldExist = new ArrayList<>();
    if (!codebuild.sums().isEmpty()) {
      shouldExist.add("CodeBuild's SHA-256s of this commit are remembered in " + codebuild.where());
    }
    List<StoredObject> sums = catalog.sumsFor(selected);
    Map<StoredObject, Map<String, String>> read = new LinkedHashMap<>();
    for (StoredObject s : sums) {
      Map<String, String> listed = read(store, s, reading);
      read.put(s, listed);
      // a published NAME_COMMIT7_SHA256SUMS is the commit's; a plain SHA256SUMS is when it lists one of its zips
      if (!s.fileName().equals(Checksums.FILE) || selected.stream().anyMatch(e -> lookup(listed, e, s).isPresent())) {
        shouldExist.add(store.location() + s.path() + " exists");
      }
    }
    catalog.manifestsFor(selected).forEach(m -> shouldExist.add(store.location() + m.path() + " exists"));

    Map<String, List<Downloader.Expected>> byFile = new LinkedHashMap<>();
    for (ArtifactCatalog.Entry e : selected) {
      List<Downloader.Expected> known = new ArrayList<>();
      String fromCodeBuild = codebuild.sums().get(e.fileName());
      if (fromCodeBuild != null) {
        known.add(new Downloader.Expected(fromCodeBuild, "CodeBuild", codebuild.refresh()));
      }
      // the SHA256SUMS in the zip's own folder speaks for it before one elsewhere
      sums.stream()
          .sorted(Comparator.comparing((StoredObject s) -> !s.folder().equals(e.object().folder())))
          .forEach(s -> lookup(read.get(s), e, s).ifPresent(sha -> known.add(new Downloader.Expected(sha, store.location() + s.path(), null))));
      if (known.isEmpty()) {
        store.sha256(e.object()).ifPresent(sha -> known.add(new Downloader.Expected(sha, "the store's checksum", null)));
      }
      if (!known.isEmpty()) {
        byFile.put(e.fileName(), List.copyOf(known));
      }
    }
    return new Known(byFile, List.copyOf(shouldExist));
  }

  /**
   * With a public key (artifacts download --verify-key): only a SHA256SUMS that carries the key's
   * valid signature (SHA256SUMS.minisig beside it) speaks for a file, and every selected file must
   * be listed in one. A missing or foreign signature, or a file no signed list names, is an
   * integrity error before anything is downloaded.
   */
  public static Known resolveSigned(ArtifactStore store, ArtifactCatalog catalog, List<ArtifactCatalog.Entry> selected, VerifyingKey key,
      Reading reading) {
    List<StoredObject> sums = catalog.sumsFor(selected);
    Map<StoredObject, Map<String, String>> signed = new LinkedHashMap<>();
    for (StoredObject s : sums) {
      String where = store.location() + s.path();
      Read read = readWhole(store, s, reading);
      String suffix = key.signatureSuffix();
      StoredObject signature = store.find(s.path() + suffix).orElseThrow(() -> new CrossbatchException(ErrorKind.INTEGRITY,
          where + " has no signature (" + s.fileName() + suffix + "): this release is not signed" + otherSignature(store, s, suffix),
          "get the release from where it was signed, or drop --verify-key to trust SHA256SUMS unsigned"));
      if (signature.size() > Minisign.MAX_FILE_BYTES) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, where + suffix + " is too large to be a signature", null);
      }
      byte[] signatureBytes;
      try (InputStream in = store.open(signature, 0)) {
        signatureBytes = in.readNBytes(Minisign.MAX_FILE_BYTES + 1);
      } catch (IOException e) {
        throw new CrossbatchException(ErrorKind.AWS, "cannot read " + where + suffix + ": " + e.getMessage(), "run the command again");
      }
      try {
        key.verify(read.bytes(), new String(signatureBytes, StandardCharsets.UTF_8));
      } catch (Minisign.SignatureException e) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, where + ": " + e.getMessage() + " (key " + key.id() + ")",
            "nothing was downloaded; check that --verify-key is the release's public key");
      }
      signed.put(s, read.listed());
    }
    Map<String, List<Downloader.Expected>> byFile = new LinkedHashMap<>();
    for (ArtifactCatalog.Entry e : selected) {
      List<Downloader.Expected> known = new ArrayList<>();
      signed.forEach((s, listed) -> lookup(listed, e, s).ifPresent(sha ->
          known.add(new Downloader.Expected(sha, store.location() + s.path() + " (signed by " + key.id() + ")", null))));
      if (known.isEmpty()) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, e.fileName() + " is in no SHA256SUMS signed by key " + key.id(),
            "nothing was downloaded; a signed release lists every file it holds");
      }
      byFile.put(e.fileName(), List.copyOf(known));
    }
    signed.forEach((s, listed) -> {
      Map<String, String> ofSelected = new LinkedHashMap<>();
      selected.forEach(e -> lookup(listed, e, s).ifPresent(sha -> ofSelected.put(listedName(listed, e, s), sha)));
      SignedProvenance.check(store, s.folder(), listed, ofSelected, key);
    });
    return new Known(byFile, List.of("--verify-key asks for every file's SHA-256 from a signed SHA256SUMS"));
  }

  /** A hint when the list is signed, but with the other kind of key (a .minisig where a KMS key's .sig was asked, or back). */
  private static String otherSignature(ArtifactStore store, StoredObject sums, String suffix) {
    return ReleaseSigner.SUFFIXES.stream().filter(other -> !other.equals(suffix) && store.find(sums.path() + other).isPresent())
        .findFirst().map(other -> " by this kind of key (it has a " + other + ": give the key that made it)").orElse("");
  }

  /** The name {@code sums} gives the zip: its path relative to the SHA256SUMS, or its file name. */
  private static String listedName(Map<String, String> sums, ArtifactCatalog.Entry e, StoredObject sumsFile) {
    String relative = e.object().path().startsWith(sumsFile.folder()) ? e.object().path().substring(sumsFile.folder().length()) : null;
    return relative != null && sums.containsKey(relative) ? relative : e.fileName();
  }

  /** An entry naming the zip by its path relative to the SHA256SUMS, or by its file name. */
  private static Optional<String> lookup(Map<String, String> sums, ArtifactCatalog.Entry e, StoredObject sumsFile) {
    String relative = e.object().path().startsWith(sumsFile.folder()) ? e.object().path().substring(sumsFile.folder().length()) : null;
    if (relative != null && sums.containsKey(relative)) {
      return Optional.of(sums.get(relative));
    }
    return Optional.ofNullable(sums.get(e.fileName()));
  }

  /** Reads one SHA256SUMS whole: every byte the listing promised, each line parsed; retried when a read breaks or is damaged. */
  static Map<String, String> read(ArtifactStore store, StoredObject sums, Reading reading) {
    return readWhole(store, sums, reading).listed();
  }

  /** A SHA256SUMS as read: its bytes (what a signature covers) and its lines. */
  record Read(byte[] bytes, Map<String, String> listed) {}

  static Read readWhole(ArtifactStore store, StoredObject sums, Reading reading) {
    String where = store.location() + sums.path();
    if (sums.size() > MAX_SUMS_BYTES) {
      throw new CrossbatchException(ErrorKind.INTEGRITY, where + " is " + sums.size() + " bytes, more than the " + MAX_SUMS_BYTES
          + " a SHA256SUMS of release zips can be", "replace it with the SHA256SUMS of the release, or remove it");
    }
    String problem = null;
    boolean damaged = false;
    for (int attempt = 1; attempt <= reading.attempts(); attempt++) {
      if (attempt > 1) {
        pause(reading, attempt);
      }
      byte[] bytes;
      try (InputStream in = store.open(sums, 0)) {
        bytes = in.readNBytes(MAX_SUMS_BYTES + 1);
      } catch (ArtifactStore.ChangedException e) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, e.getMessage(), "run the command again; it lists the store afresh");
      } catch (ArtifactStore.DamagedException e) {
        problem = e.getMessage();
        damaged = true;
        continue;
      } catch (IOException e) {
        problem = e.getMessage();
        damaged = false;
        continue;
      }
      if (bytes.length != sums.size()) {
        problem = "read " + bytes.length + " bytes of " + sums.size();
        damaged = false;
        continue;
      }
      try {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        return new Read(bytes, Checksums.parse(text));
      } catch (CharacterCodingException e) {
        problem = "it is not UTF-8 text";
        damaged = true;
      } catch (Checksums.MalformedException e) {
        problem = e.getMessage();
        damaged = true;
      }
    }
    if (damaged) {
      throw new CrossbatchException(ErrorKind.INTEGRITY, where + " is damaged: " + problem + " (read " + reading.attempts() + " times)",
          "a checksum source that cannot be read is not skipped; replace it with the release's SHA256SUMS, or remove it");
    }
    throw new CrossbatchException(ErrorKind.AWS, "cannot read " + where + " whole: " + problem + " (tried " + reading.attempts() + " times)",
        "check the connection and run the command again");
  }

  private static void pause(Reading reading, int attempt) {
    try {
      reading.sleeper().sleep(reading.backoff().multipliedBy(attempt - 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrossbatchException(ErrorKind.INTERRUPTED, "interrupted while reading checksums", null);
    }
  }
}
