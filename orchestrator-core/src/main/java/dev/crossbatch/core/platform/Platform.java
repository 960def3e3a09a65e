package dev.crossbatch.core.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One build target: Go's GOOS/GOARCH pair and an optional variant ({@code ""} when none).
 * Written {@code os/arch[/variant]}; its batch identifier is {@code os_arch[_variant]}.
 */
public record Platform(String os, String arch, String variant) {

  public Platform {
    if (os == null || arch == null || variant == null) {
      throw new IllegalArgumentException("os, arch and variant must not be null");
    }
  }

  public static Platform of(String os, String arch) {
    return new Platform(os, arch, "");
  }

  public boolean hasVariant() {
    return !variant.isEmpty();
  }

  public Optional<Variant> variantKind() {
    return hasVariant() ? Variant.forArch(arch) : Optional.empty();
  }

  /** The batch task identifier: only {@code [A-Za-z0-9_]}, as CodeBuild requires. */
  public String identifier() {
    return hasVariant() ? os + "_" + arch + "_" + variant : os + "_" + arch;
  }

  /** The os/arch pair without the variant. */
  public String pair() {
    return os + "/" + arch;
  }

  /** GOOS, GOARCH and the variant's variable, in that order. */
  public Map<String, String> goEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GOOS", os);
    env.put("GOARCH", arch);
    variantKind().ifPresent(v -> env.put(v.envName(), v.envValue(variant)));
    return env;
  }

  // written out: a record's generated equals and hashCode are bootstrapped through invokedynamic
  // on first use, a few milliseconds of every command's start-up (docs/benchmarks.md)
  @Override
  public boolean equals(Object other) {
    return other instanceof Platform p && os.equals(p.os) && arch.equals(p.arch) && variant.equals(p.variant);
  }

  @Override
  public int hashCode() {
    return (os.hashCode() * 31 + arch.hashCode()) * 31 + variant.hashCode();
  }

  @Override
  public String toString() {
    return hasVariant() ? pair() + "/" + variant : pair();
  }
}
