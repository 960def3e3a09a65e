package dev.crossbatch.core.platform;

import java.util.List;
import java.util.Optional;

/**
 * A sub-architecture a Go build can target through one environment variable: {@code linux/arm/v7}
 * sets {@code GOARM=7}, {@code linux/amd64/v3} sets {@code GOAMD64=v3}. Variant names use only
 * letters and digits, so identifiers and artifact names stay {@code [A-Za-z0-9_]}.
 */
public enum Variant {
  ARM("arm", "GOARM", List.of("v5", "v6", "v7")),
  AMD64("amd64", "GOAMD64", List.of("v1", "v2", "v3", "v4")),
  I386("386", "GO386", List.of("sse2", "softfloat")),
  MIPS("mips", "GOMIPS", List.of("hardfloat", "softfloat")),
  MIPSLE("mipsle", "GOMIPS", List.of("hardfloat", "softfloat")),
  MIPS64("mips64", "GOMIPS64", List.of("hardfloat", "softfloat")),
  MIPS64LE("mips64le", "GOMIPS64", List.of("hardfloat", "softfloat")),
  PPC64("ppc64", "GOPPC64", List.of("power8", "power9", "power10")),
  PPC64LE("ppc64le", "GOPPC64", List.of("power8", "power9", "power10")),
  RISCV64("riscv64", "GORISCV64", List.of("rva20u64", "rva22u64"));

  private final String arch;
  private final String envName;
  private final List<String> names;

  Variant(String arch, String envName, List<String> names) {
    this.arch = arch;
    this.envName = envName;
    this.names = names;
  }

  public static Optional<Variant> forArch(String arch) {
    for (Variant v : values()) {
      if (v.arch.equals(arch)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  public String arch() {
    return arch;
  }

  /** The Go environment variable this variant sets. */
  public String envName() {
    return envName;
  }

  /** Variant names as written in platforms ({@code v7}). */
  public List<String> names() {
    return names;
  }

  /** The value Go expects: GOARM takes {@code 7} where the platform says {@code v7}. */
  public String envValue(String name) {
    return this == ARM ? name.substring(1) : name;
  }
}
