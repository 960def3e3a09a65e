package dev.crossbatch.core.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** SHA256SUMS in the format of {@code sha256sum}: {@code <hex>  <path>}, one line per file, sorted by path. */
public final class Checksums {
  public static final String FILE = "SHA256SUMS";

  private Checksums() {}

  /** @param sums path (relative to the SHA256SUMS file, '/'-separated) to lower-case hex SHA-256 */
  public static String format(Map<String, String> sums) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(sums).forEach((path, sha) -> out.append(sha).append("  ").append(path).append('\n'));
    return out.toString();
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /** The lower-case hex SHA-256 of a file, read in a stream. */
  public static String sha256(Path file) throws IOException {
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    }
  }

  /** The SHA-256 of bytes in memory. */
  public static byte[] sha256(byte[] bytes) {
    return digest().digest(bytes);
  }

  /** A SHA-256 as hex in any case, lower-cased; empty for anything else (null, a truncated or non-hex value). */
  public static Optional<String> normalize(String sha256) {
    return sha256 != null && sha256.matches("[0-9a-fA-F]{64}") ? Optional.of(sha256.toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** Reads SHA256SUMS text (text or binary mode markers); lines that do not parse are skipped. */
  public static Map<String, String> parse(String text) {
    Map<String, String> sums = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.matches("[0-9a-fA-F]{64} [ *].+")) {
        sums.put(line.substring(66), line.substring(0, 64).toLowerCase(Locale.ROOT));
      }
    }
    return sums;
  }
}
