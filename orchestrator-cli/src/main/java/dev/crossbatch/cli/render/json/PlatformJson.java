package dev.crossbatch.cli.render.json;

import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.platform.Variant;
import java.util.List;

/** platforms: one platform Go can build for; variants only for the architectures with levels. */
public record PlatformJson(String platform, String os, String arch, String identifier, boolean firstClass, @OmitWhenNull Variants variants) {
  public static PlatformJson of(KnownPlatforms.Entry e) {
    return new PlatformJson(e.platform().toString(), e.platform().os(), e.platform().arch(), e.platform().identifier(), e.firstClass(),
        Variant.forArch(e.platform().arch()).map(v -> new Variants(v.envName(), v.names())).orElse(null));
  }

  /** The variable that picks the level, and its values. */
  public record Variants(String variable, List<String> values) {}
}
