package dev.crossbatch.core.config;

import dev.crossbatch.core.text.PlaceholderTemplate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the overrides that match one platform make of it, applied in order (a later one wins).
 *
 * @param flags the go build flags of every binary, or null: each binary's own
 * @param ldflags the linker flags of every binary, or null: each binary's own
 * @param env variables of the platform's batch entry
 */
public record PlatformSettings(List<String> flags, PlaceholderTemplate ldflags, Map<String, String> env, PlatformOverride.TaskEnvironment codebuild) {
  public PlatformSettings {
    flags = flags == null ? null : List.copyOf(flags);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  static PlatformSettings of(List<PlatformOverride> matching) {
    List<String> flags = null;
    PlaceholderTemplate ldflags = null;
    Map<String, String> env = new LinkedHashMap<>();
    PlatformOverride.TaskEnvironment codebuild = PlatformOverride.TaskEnvironment.NONE;
    for (PlatformOverride o : matching) {
      flags = o.flags() != null ? o.flags() : flags;
      ldflags = o.ldflags() != null ? o.ldflags() : ldflags;
      env.putAll(o.env());
      codebuild = codebuild.then(o.codebuild());
    }
    return new PlatformSettings(flags, ldflags, env, codebuild);
  }

  /** The flags {@code build} is built with on this platform. */
  public List<String> flagsOf(GoBuild build) {
    return flags != null ? flags : build.flags();
  }

  /** The linker flags {@code build} is built with on this platform. */
  public PlaceholderTemplate ldflagsOf(GoBuild build) {
    return ldflags != null ? ldflags : build.ldflags();
  }
}
