package dev.crossbatch.core.golang;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The build information Go 1.18 and later embed in every binary they link: the Go version, the
 * main package's path, the main module, every module linked in (with its go.sum hash and what
 * replaced it) and the build settings (GOOS, GOARCH, CGO_ENABLED, -ldflags, vcs.revision...). Read
 * from the binary's bytes as Go's debug/buildinfo reads them (docs/sbom.md), so it works for any
 * binary, wherever it was built.
 *
 * @param settings the {@code build} lines in order, e.g. {@code GOOS -> linux}
 */
public record GoBuildInfo(String goVersion, String path, Module main, List<Module> deps, Map<String, String> settings) {
  /** A module: path, version ("(devel)" for a main module built from its folder), go.sum hash, and its replacement if any. */
  public record Module(String path, String version, String sum, Module replace) {}

  private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  private static final int ALIGN = 16;
  private static final int HEADER = 32;
  private static final int INLINE_STRINGS = 2;

  /** Why a file holds no build information read here. */
  public static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  /** The executable format {@code head} (a file's first 4 bytes) starts, if any: "ELF", "PE" or "Mach-O". */
  public static Optional<String> executable(byte[] head) {
    return Executables.format(head).map(f -> switch (f) {
      case ELF -> "ELF";
      case PE -> "PE";
      case MACHO -> "Mach-O";
    });
  }

  /**
   * The build information of the executable {@code file}; empty when it is not an ELF, PE or
   * Mach-O file (a README, a script).
   *
   * @throws Unreadable when it is an executable without Go build information, or with the
   *     pointer-based blob of Go before 1.18
   */
  public static Optional<GoBuildInfo> read(byte[] file) throws Unreadable {
    if (Executables.format(file).isEmpty()) {
      return Optional.empty();
    }
    Executables.Region data = Executables.data(file).orElseThrow(() -> new Unreadable("an executable without a Go build information section"));
    int at = find(data);
    if (at < 0) {
      throw new Unreadable("an executable without Go build information (not built by Go)");
    }
    byte[] bytes = data.file();
    if ((bytes[at + 15] & INLINE_STRINGS) == 0) {
      throw new Unreadable("built by Go before 1.18, whose build information is not read here");
    }
    int[] cursor = {at + HEADER};
    int end = data.offset() + data.length();
    String version = string(bytes, cursor, end);
    String modinfo = string(bytes, cursor, end);
    // cmd/go frames the text with 16-byte sentinels (modload's infoStart and infoEnd)
    if (modinfo.length() >= 33 && modinfo.charAt(modinfo.length() - 17) == '\n') {
      modinfo = modinfo.substring(16, modinfo.length() - 16);
    } else {
      modinfo = "";
    }
    return Optional.of(parse(version, modinfo));
  }

  /** The module information text as runtime/debug.BuildInfo.String writes it. */
  static GoBuildInfo parse(String goVersion, String modinfo) throws Unreadable {
    String path = null;
    Module main = null;
    List<Module> deps = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    boolean lastIsMain = false;
    for (String line : modinfo.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int tab = line.indexOf('\t');
      String kind = tab < 0 ? line : line.substring(0, tab);
      String rest = tab < 0 ? "" : line.substring(tab + 1);
      switch (kind) {
        case "go" -> goVersion = goVersion == null || goVersion.isEmpty() ? rest : goVersion;
        case "path" -> path = rest;
        case "mod" -> {
          main = module(rest, line);
          lastIsMain = true;
        }
        case "dep" -> {
          deps.add(module(rest, line));
          lastIsMain = false;
        }
        case "=>" -> {
          Module replacement = module(rest, line);
          if (lastIsMain && main != null) {
            main = new Module(main.path(), main.version(), main.sum(), replacement);
          } else if (!deps.isEmpty()) {
            Module last = deps.remove(deps.size() - 1);
            deps.add(new Module(last.path(), last.version(), last.sum(), replacement));
          } else {
            throw new Unreadable("a replacement line before any module: " + line);
          }
        }
        case "build" -> {
          int eq = rest.startsWith("\"") ? GoStrings.quotedEnd(rest) + 1 : rest.indexOf('=');
          if (eq <= 0 || eq >= rest.length() || rest.charAt(eq) != '=') {
            throw new Unreadable("a build setting without '=': " + line);
          }
          settings.put(GoStrings.unquote(rest.substring(0, eq)), GoStrings.unquote(rest.substring(eq + 1)));
        }
        default -> { } // lines a later Go adds are skipped, as Go's own parser skips them
      }
    }
    return new GoBuildInfo(goVersion, path, main, List.copyOf(deps), Collections.unmodifiableMap(settings));
  }

  /** A build setting's value, e.g. {@code setting("GOOS")}. */
  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  private static Module module(String columns, String line) throws Unreadable {
    String[] c = columns.split("\t", -1);
    if (c.length != 2 && c.length != 3) {
      throw new Unreadable("expected 2 or 3 columns: " + line);
    }
    return new Module(c[0], c[1], c.length == 3 ? c[2] : "", null);
  }

  /** The offset of the 16-byte-aligned magic within the region, or -1. */
  private static int find(Executables.Region data) {
    byte[] bytes = data.file();
    int end = data.offset() + data.length();
    for (int i = data.offset(); i + HEADER <= end; i += ALIGN) {
      if (Arrays.equals(bytes, i, i + MAGIC.length, MAGIC, 0, MAGIC.length)) {
        return i;
      }
    }
    return -1;
  }

  /** A uvarint-length-prefixed string at {@code cursor[0]}, which moves past it. */
  private static String string(byte[] bytes, int[] cursor, int end) throws Unreadable {
    long length = 0;
    int shift = 0;
    while (true) {
      if (cursor[0] >= end || shift > 28) {
        throw new Unreadable("a build information blob cut short");
      }
      int b = bytes[cursor[0]++] & 0xff;
      length |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    if (length > end - cursor[0]) {
      throw new Unreadable("a build information blob cut short");
    }
    String s = new String(bytes, cursor[0], (int) length, StandardCharsets.UTF_8);
    cursor[0] += (int) length;
    return s;
  }
}
