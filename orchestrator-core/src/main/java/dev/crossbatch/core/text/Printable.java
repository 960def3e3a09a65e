package dev.crossbatch.core.text;

/**
 * Text from files, servers and builds made safe to print on a terminal: every control character
 * (C0, DEL and C1, ESC among them) is shown as an escape, so a value can neither recolour, move
 * the cursor, retitle the window nor hide the rest of a message.
 */
public final class Printable {
  private Printable() {}

  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
      if (!control) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format("\\x%02x", (int) c));
      }
    }
    return out == null ? text : out.toString();
  }
}
