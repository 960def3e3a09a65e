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

  /** The lower-case hex SHA-256 of bytes in memory, as SHA256SUMS writes it. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  /** A SHA-256 as hex in any case, lower-cased; empty for anything else (null, a truncated or non-hex value). */
  public static Optional<String> normalize(String sha256) {
    return sha256 != null && sha256.matches("[0-9a-fA-F]{64}") ? Optional.of(sha256.toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /**
   * The lines of a SHA256SUMS in {@code dir} that are still true: the file is there, inside
   * {@code dir}, with that SHA-256 (re-read now). What an earlier run listed of files it did not
   * touch this time is kept only so.
   */
  public static Map<String, String> stillTrue(Path dir, Map<String, String> listed) {
    Map<String, String> kept = new TreeMap<>();
    listed.forEach((name, sha) -> {
      Path file = dir.resolve(name).normalize();
      try {
        if (file.startsWith(dir) && Files.isRegularFile(file) && sha256(file).equals(sha)) {
          kept.put(name, sha);
        }
      } catch (IOException e) {
        // unreadable: not listed again
      }
    });
    return kept;
  }

  /** A SHA256SUMS that does not read as one: which line, and why. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  private static final java.util.regex.Pattern GNU = java.util.regex.Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");
  private static final java.util.regex.Pattern BSD = java.util.regex.Pattern.compile("SHA256 \\((.+)\\) = ([0-9a-fA-F]{64})");

  /**
   * Reads SHA256SUMS text as {@code sha256sum} writes it ({@code <hex>  <path>}, or {@code <hex> *<path>}
   * in binary mode) or as {@code sha256sum --tag} does ({@code SHA256 (<path>) = <hex>}). Every line
   * must be one of those: a line that is not, or text that does not end with a newline, is a damaged
   * or truncated file, never a shorter list.
   */
  public static Map<String, String> parse(String text) throws MalformedException {
    Map<String, String> sums = new TreeMap<>();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new MalformedException("it does not end with a newline (cut short?)");
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      java.util.regex.Matcher gnu = GNU.matcher(line);
      java.util.regex.Matcher bsd = BSD.matcher(line);
      String path;
      String sha;
      if (gnu.matches()) {
        path = gnu.group(2);
        sha = gnu.group(1);
      } else if (bsd.matches()) {
        path = bsd.group(1);
        sha = bsd.group(2);
      } else {
        throw new MalformedException("line " + (i + 1) + " is not '<64 hex digits>  <file>'");
      }
      String before = sums.put(path, sha.toLowerCase(Locale.ROOT));
      if (before != null && !before.equals(sha.toLowerCase(Locale.ROOT))) {
        throw new MalformedException("line " + (i + 1) + " lists " + path + " a second time, with another SHA-256");
      }
    }
    return sums;
  }
}
