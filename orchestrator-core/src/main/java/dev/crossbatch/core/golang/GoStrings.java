package dev.crossbatch.core.golang;

/**
 * Go's double-quoted string literals, as strconv.Quote writes the build settings that hold spaces,
 * tabs, quotes or newlines ({@code -ldflags="-s -w -X main.version=1.0"}).
 */
final class GoStrings {
  private GoStrings() {}

  /** The index of the closing quote of the literal that starts {@code s}, or -1. */
  static int quotedEnd(String s) {
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  /** {@code s} itself, or the value of the literal when it is one. */
  static String unquote(String s) throws GoBuildInfo.Unreadable {
    if (s.length() < 2 || s.charAt(0) != '"') {
      return s;
    }
    if (quotedEnd(s) != s.length() - 1) {
      throw new GoBuildInfo.Unreadable("a malformed quoted build setting: " + s);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case '\\', '"', '\'' -> out.append(e);
        case 'x' -> i = hex(s, i, 2, out);
        case 'u' -> i = hex(s, i, 4, out);
        case 'U' -> i = hex(s, i, 8, out);
        default -> {
          if (e < '0' || e > '7' || i + 2 >= s.length() - 1) {
            throw new GoBuildInfo.Unreadable("an unknown escape in a quoted build setting: " + s);
          }
          out.append((char) Integer.parseInt(s.substring(i, i + 3), 8));
          i += 2;
        }
      }
    }
    return out.toString();
  }

  private static int hex(String s, int at, int digits, StringBuilder out) throws GoBuildInfo.Unreadable {
    if (at + digits > s.length() - 2) { // the digits end before the closing quote
      throw new GoBuildInfo.Unreadable("a short escape in a quoted build setting: " + s);
    }
    try {
      out.appendCodePoint(Integer.parseInt(s.substring(at + 1, at + 1 + digits), 16));
    } catch (IllegalArgumentException e) {
      throw new GoBuildInfo.Unreadable("a malformed escape in a quoted build setting: " + s);
    }
    return at + digits;
  }
}
