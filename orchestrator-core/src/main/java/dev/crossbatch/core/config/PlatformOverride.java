package dev.crossbatch.core.config;

import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.text.PlaceholderTemplate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code overrides:}: settings for the platforms it matches, over the top level's and
 * each build's.
 *
 * @param platforms what it matches: an os ({@code windows}), a pair ({@code linux/arm}) or a platform with its variant
 * @param flags go build flags for every binary of those platforms, instead of their own; null when not set
 * @param ldflags linker flags likewise; null when not set
 * @param env more variables for those platforms' builds, set in their batch entries
 * @param codebuild the build environment of those platforms' batch entries on CodeBuild
 */
public record PlatformOverride(List<String> platforms, List<String> flags, PlaceholderTemplate ldflags, Map<String, String> env, TaskEnvironment codebuild) {
  public PlatformOverride {
    platforms = List.copyOf(platforms);
    flags = flags == null ? null : List.copyOf(flags);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /** Whether this override applies to {@code platform}. */
  public boolean matches(Platform platform) {
    return platforms.stream().anyMatch(p -> matches(p, platform));
  }

  static boolean matches(String pattern, Platform platform) {
    return pattern.equals(platform.os()) || pattern.equals(platform.pair()) || pattern.equals(platform.toString());
  }

  /**
   * A batch entry's build environment: {@code env/image}, {@code env/compute-type}, {@code env/type}
   * and {@code env/fleet}; a null field is not set.
   */
  public record TaskEnvironment(String image, String computeType, String type, String fleet) {
    public static final TaskEnvironment NONE = new TaskEnvironment(null, null, null, null);

    /** This environment with {@code later}'s fields where it sets them. */
    public TaskEnvironment then(TaskEnvironment later) {
      return new TaskEnvironment(
          later.image != null ? later.image : image,
          later.computeType != null ? later.computeType : computeType,
          later.type != null ? later.type : type,
          later.fleet != null ? later.fleet : fleet);
    }
  }
}
