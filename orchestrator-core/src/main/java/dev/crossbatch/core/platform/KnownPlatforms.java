package dev.crossbatch.core.platform;

import dev.crossbatch.core.text.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The GOOS/GOARCH pairs of Go 1.23 ({@code go tool dist list}), with the first-class ports of Go's
 * porting policy marked. Parsing a platform string checks it against this list.
 */
public final class KnownPlatforms {
  /** The Go release this list was taken from. */
  public static final String GO_RELEASE = "1.23";

  private static final Set<String> FIRST_CLASS =
      Set.of(
          "darwin/amd64", "darwin/arm64", "linux/386", "linux/amd64",
          "linux/arm", "linux/arm64", "windows/386", "windows/amd64");

  private static final List<String> PAIRS =
      List.of(
          "aix/ppc64", "android/386", "android/amd64", "android/arm", "android/arm64",
          "darwin/amd64", "darwin/arm64", "dragonfly/amd64", "freebsd/386", "freebsd/amd64",
          "freebsd/arm", "freebsd/arm64", "freebsd/riscv64", "illumos/amd64", "ios/amd64",
          "ios/arm64", "js/wasm", "linux/386", "linux/amd64", "linux/arm", "linux/arm64",
          "linux/loong64", "linux/mips", "linux/mips64", "linux/mips64le", "linux/mipsle",
          "linux/ppc64", "linux/ppc64le", "linux/riscv64", "linux/s390x", "netbsd/386",
          "netbsd/amd64", "netbsd/arm", "netbsd/arm64", "openbsd/386", "openbsd/amd64",
          "openbsd/arm", "openbsd/arm64", "openbsd/ppc64", "openbsd/riscv64", "plan9/386",
          "plan9/amd64", "plan9/arm", "solaris/amd64", "wasip1/wasm", "windows/386",
          "windows/amd64", "windows/arm", "windows/arm64");

  /** Names people write for Go's GOOS/GOARCH values; used only to suggest the right one. */
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("macos", "darwin"), Map.entry("osx", "darwin"), Map.entry("mac", "darwin"),
          Map.entry("win", "windows"), Map.entry("win32", "windows"), Map.entry("win64", "windows"),
          Map.entry("x86_64", "amd64"), Map.entry("x64", "amd64"), Map.entry("x86-64", "amd64"),
          Map.entry("aarch64", "arm64"), Map.entry("armv8", "arm64"), Map.entry("i386", "386"),
          Map.entry("i686", "386"), Map.entry("x86", "386"), Map.entry("armhf", "arm"),
          Map.entry("armv7", "arm"), Map.entry("armv6", "arm"));

  /** Strict shape before any lookup: these strings end up in shell commands and identifiers. */
  private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+/[a-z0-9]+(/[a-z0-9]+)?");

  private KnownPlatforms() {}

  /** One known pair and whether Go treats it as a first-class port. */
  public record Entry(Platform platform, boolean firstClass) {}

  public static List<Entry> all() {
    List<Entry> entries = new ArrayList<>();
    for (String pair : PAIRS) {
      String[] parts = pair.split("/");
      entries.add(new Entry(Platform.of(parts[0], parts[1]), FIRST_CLASS.contains(pair)));
    }
    return entries;
  }

  public static boolean isKnown(String os, String arch) {
    return PAIRS.contains(os + "/" + arch);
  }

  public static boolean isFirstClass(Platform platform) {
    return FIRST_CLASS.contains(platform.pair());
  }

  public static Set<String> operatingSystems() {
    Set<String> os = new LinkedHashSet<>();
    PAIRS.forEach(p -> os.add(p.substring(0, p.indexOf('/'))));
    return os;
  }

  public static Set<String> architectures() {
    Set<String> arch = new LinkedHashSet<>();
    PAIRS.forEach(p -> arch.add(p.substring(p.indexOf('/') + 1)));
    return arch;
  }

  /**
   * Parses {@code os/arch[/variant]}; the error message says what is wrong and suggests the closest
   * known platform.
   */
  public static Platform parse(String text) throws UnknownPlatformException {
    String aliased = Arrays.stream(text.split("/", -1)).map(w -> ALIASES.getOrDefault(w, w)).collect(Collectors.joining("/"));
    if (!aliased.equals(text) && SHAPE.matcher(aliased).matches() && isKnown(aliased.split("/")[0], aliased.split("/")[1])) {
      throw new UnknownPlatformException("unknown platform '" + text + "'; did you mean '" + aliased + "'? (Go's names)");
    }
    if (!SHAPE.matcher(text).matches()) {
      String example = text.matches("[a-z0-9]+[-_][a-z0-9]+") ? text.replaceFirst("[-_]", "/") : "linux/amd64";
      throw new UnknownPlatformException(
          "'" + text + "' is not a platform; write it as os/arch in lower case, e.g. '" + example + "'");
    }
    String[] parts = text.split("/");
    String os = parts[0];
    String arch = parts[1];
    if (!isKnown(os, arch)) {
      throw new UnknownPlatformException(
          "unknown platform '" + os + "/" + arch + "'" + suggestPair(os + "/" + arch)
              + " ('crossbatch platforms' lists them all)");
    }
    if (parts.length == 2) {
      return Platform.of(os, arch);
    }
    String variant = parts[2];
    Optional<Variant> kind = Variant.forArch(arch);
    if (kind.isEmpty()) {
      throw new UnknownPlatformException("'" + arch + "' has no variants; write '" + os + "/" + arch + "'");
    }
    if (!kind.get().names().contains(variant)) {
      throw new UnknownPlatformException(
          "unknown " + kind.get().envName() + " variant '" + variant + "' for " + arch
              + "; valid: " + String.join(", ", kind.get().names()));
    }
    return new Platform(os, arch, variant);
  }

  /** The platform an identifier such as linux_amd64 or linux_arm_v7 names; empty when it names none. */
  public static Optional<Platform> fromIdentifier(String identifier) {
    String[] parts = identifier.split("_");
    if (parts.length < 2 || parts.length > 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(String.join("/", parts)));
    } catch (UnknownPlatformException e) {
      return Optional.empty();
    }
  }

  private static String suggestPair(String pair) {
    return Suggestions.didYouMean(pair, PAIRS);
  }

  /** "; did you mean 'darwin'?" for a GOOS or GOARCH word, aliases first. */
  public static String suggestWord(String word, Set<String> known) {
    String alias = ALIASES.get(word.toLowerCase(java.util.Locale.ROOT));
    if (alias != null && known.contains(alias)) {
      return "; did you mean '" + alias + "'?";
    }
    return Suggestions.didYouMean(word, known);
  }

  /** A platform string that does not name a known platform. */
  public static final class UnknownPlatformException extends Exception {
    public UnknownPlatformException(String message) {
      super(message);
    }
  }
}
