package dev.crossbatch.core.source;

import java.util.regex.Pattern;

/**
 * A git commit id, full (40 hex characters) or abbreviated (at least 7). The one place that knows
 * how a commit is shortened for people and for artifact names: its first seven characters, as
 * {@code git rev-parse --short=7} prints them and as {@code {commit7}} names a zip.
 */
public record Commit(String sha) {
  /** The length of the short form in artifact names, SHA256SUMS names and messages. */
  public static final int SHORT = 7;

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{7,40}");

  public Commit {
    if (sha == null || !HEX.matcher(sha).matches()) {
      throw new IllegalArgumentException("not a commit id: " + sha);
    }
  }

  /** Whether {@code text} is a commit id (7 to 40 lower-case hex characters). */
  public static boolean isId(String text) {
    return text != null && HEX.matcher(text).matches();
  }

  /** The first seven characters. */
  public String abbrev() {
    return sha.substring(0, SHORT);
  }

  /** Whether the two name the same commit, one possibly abbreviated; an unknown commit ("" or null) matches none. */
  public boolean matches(String other) {
    return other != null && !other.isEmpty() && (other.startsWith(sha) || sha.startsWith(other));
  }

  /**
   * The short form of whatever a batch or a user calls its commit: the first seven characters when
   * there are more, the text itself when shorter (a ref CodeBuild has not resolved yet), "" for none.
   */
  public static String abbreviate(String shaOrRef) {
    if (shaOrRef == null) {
      return "";
    }
    return shaOrRef.length() > SHORT && isId(shaOrRef) ? shaOrRef.substring(0, SHORT) : shaOrRef;
  }

  @Override
  public String toString() {
    return sha;
  }
}
