package dev.crossbatch.core.sbom;

import java.nio.charset.StandardCharsets;

/** Package URLs of Go modules (purl-spec's golang type): {@code pkg:golang/NAMESPACE/NAME@VERSION}, each segment percent-encoded. */
final class Purl {
  private Purl() {}

  static String golang(String modulePath, String version) {
    StringBuilder purl = new StringBuilder("pkg:golang/");
    String[] segments = modulePath.split("/");
    for (int i = 0; i < segments.length; i++) {
      purl.append(i == 0 ? "" : "/").append(encode(segments[i]));
    }
    return version == null || version.isEmpty() ? purl.toString() : purl.append('@').append(encode(version)).toString();
  }

  /** Percent-encodes all but purl's unreserved characters (letters, digits, '.', '-', '_', '~'). */
  static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
