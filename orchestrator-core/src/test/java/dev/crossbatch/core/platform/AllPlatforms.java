package dev.crossbatch.core.platform;

import java.util.ArrayList;
import java.util.List;

/** Every known pair plus every variant of it: the input of the property tests. */
public final class AllPlatforms {
  private AllPlatforms() {}

  public static List<Platform> withVariants() {
    List<Platform> all = new ArrayList<>();
    for (KnownPlatforms.Entry e : KnownPlatforms.all()) {
      Platform p = e.platform();
      all.add(p);
      Variant.forArch(p.arch()).ifPresent(v -> v.names().forEach(n -> all.add(new Platform(p.os(), p.arch(), n))));
    }
    return all;
  }
}
