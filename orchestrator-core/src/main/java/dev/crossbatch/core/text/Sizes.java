package dev.crossbatch.core.text;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as people write them: {@code 4GiB}, {@code 512MiB}, {@code 100MB}, {@code 65536}. */
public final class Sizes {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(|B|KB|KIB|K|MB|MIB|M|GB|GIB|G|TB|TIB|T)");

  private Sizes() {}

  /** Bytes, or -1 when the text is not a size. Decimal units (KB, MB, GB, TB) are powers of 1000; binary ones (KiB, K, ...) of 1024. */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(1));
    long unit = switch (m.group(2)) {
      case "", "B" -> 1;
      case "KB" -> 1000L;
      case "K", "KIB" -> 1L << 10;
      case "MB" -> 1000_000L;
      case "M", "MIB" -> 1L << 20;
      case "GB" -> 1000_000_000L;
      case "G", "GIB" -> 1L << 30;
      case "TB" -> 1000_000_000_000L;
      default -> 1L << 40;
    };
    return n > Long.MAX_VALUE / unit ? -1 : n * unit;
  }
}
