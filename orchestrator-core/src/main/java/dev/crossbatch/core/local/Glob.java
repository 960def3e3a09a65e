package dev.crossbatch.core.local;

import java.util.regex.Pattern;

/**
 * A buildspec path pattern with CodeBuild's semantics: paths are relative with '/' separators,
 * {@code *} and {@code ?} stay within one path segment, {@code **} spans any number of segments
 * (also none), and a pattern without wildcards names a file or a whole directory.
 */
final class Glob {
  private final String text;
  private final Pattern regex;
  private final boolean literal;

  private Glob(String text, Pattern regex, boolean literal) {
    this.text = text;
    this.regex = regex;
    this.literal = literal;
  }

  static Glob compile(String pattern) {
    String p = pattern.trim();
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    boolean literal = !p.contains("*") && !p.contains("?");
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    StringBuilder regex = new StringBuilder();
    String[] segments = p.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      if (segment.equals("**")) {
        regex.append(last ? ".*" : "(?:[^/]+/)*");
        continue;
      }
      for (char c : segment.toCharArray()) {
        switch (c) {
          case '*' -> regex.append("[^/]*");
          case '?' -> regex.append("[^/]");
          default -> regex.append(Pattern.quote(String.valueOf(c)));
        }
      }
      if (!last) {
        regex.append('/');
      }
    }
    return new Glob(pattern, Pattern.compile(regex.toString()), literal);
  }

  /** Whether the pattern reaches outside the folder it applies to. */
  static boolean escapes(String pattern) {
    String p = pattern.trim();
    return p.startsWith("/") || p.equals("..") || p.startsWith("../") || p.contains("/../") || p.endsWith("/..");
  }

  /** Whether {@code path} (relative, '/'-separated) is selected: matched itself, or inside a named directory. */
  boolean selects(String path) {
    if (regex.matcher(path).matches()) {
      return true;
    }
    if (!literal) {
      return false;
    }
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (regex.matcher(path.substring(0, slash)).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a top-level directory name matches (for base-directory patterns such as 'my-build*'). */
  boolean matchesName(String name) {
    return regex.matcher(name).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
