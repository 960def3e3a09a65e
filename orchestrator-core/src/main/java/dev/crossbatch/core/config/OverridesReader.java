package dev.crossbatch.core.config;

import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.spec.CodeBuildModel;
import dev.crossbatch.core.text.PlaceholderTemplate;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.YamlMap;
import dev.crossbatch.core.yaml.YamlValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** crossbatch.yml's {@code overrides:}: settings for some platforms, each entry naming the platforms it matches. */
final class OverridesReader {
  static final List<String> KEYS = List.of("platforms", "flags", "ldflags", "env", "codebuild");
  static final List<String> CODEBUILD_KEYS = List.of("image", "compute-type", "type", "fleet");
  /** A reserved-capacity fleet's name or ARN. */
  static final Pattern FLEET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:/_.-]{1,1023}");

  private final ConfigFields fields;
  private final BuildReader build;
  private final Diagnostics d;

  OverridesReader(ConfigFields fields, BuildReader build) {
    this.fields = fields;
    this.build = build;
    this.d = fields.d;
  }

  List<PlatformOverride> read(YamlMap top, List<Platform> platforms, BatchMode mode) {
    if (!top.has("overrides")) {
      return List.of();
    }
    Node node = top.value("overrides").get();
    if (!(node instanceof SequenceNode list)) {
      d.error(node, "'overrides' must be a list, each entry with 'platforms:' and the settings for them,"
          + " e.g. - {platforms: [windows/arm64], flags: [-tags=exp]}");
      return List.of();
    }
    List<PlatformOverride> overrides = new ArrayList<>();
    for (int i = 0; i < list.getValue().size(); i++) {
      String path = "overrides[" + i + "]";
      Optional<MappingNode> entry = YamlValues.mapping(list.getValue().get(i), path, d);
      if (entry.isEmpty()) {
        continue;
      }
      YamlMap map = YamlMap.of(entry.get(), path, d);
      map.rejectUnknown(KEYS, d);
      List<String> matched = matches(map, platforms);
      List<String> flags = map.has("flags") ? build.flags(map, List.of()) : null;
      PlaceholderTemplate ldflags = map.has("ldflags") ? build.ldflags(map, "") : null;
      Map<String, String> env = build.env(map);
      PlatformOverride.TaskEnvironment codebuild = codebuild(map);
      if (mode == BatchMode.MATRIX && (!env.isEmpty() || !codebuild.equals(PlatformOverride.TaskEnvironment.NONE))) {
        d.error(map.keyNode(env.isEmpty() ? "codebuild" : "env").get(), "'" + map.child(env.isEmpty() ? "codebuild" : "env")
            + "' sets a batch entry of some platforms, and batch-mode matrix has none (every build shares its axes); use batch-mode list or graph");
      }
      if (flags == null && ldflags == null && env.isEmpty() && codebuild.equals(PlatformOverride.TaskEnvironment.NONE) && map.has("platforms")) {
        d.warning(map.node(), "'" + path + "' sets nothing for its platforms; add flags, ldflags, env or codebuild, or remove it");
      }
      overrides.add(new PlatformOverride(matched, flags, ldflags, env, codebuild));
    }
    return overrides;
  }

  /** The entry's platforms: each an os, os/arch or os/arch/variant that matches a platform being built. */
  private List<String> matches(YamlMap map, List<Platform> platforms) {
    if (!map.has("platforms")) {
      fields.missing(map, "platforms", "what the settings apply to: an os, os/arch or os/arch/variant, e.g. [windows/arm64, linux/ppc64le]");
      return List.of();
    }
    List<String> patterns = new ArrayList<>();
    for (ScalarNode item : YamlValues.scalarList(map.value("platforms").get(), map.child("platforms"), d).orElse(List.of())) {
      String pattern = item.getValue();
      if (platforms.stream().noneMatch(p -> PlatformOverride.matches(pattern, p))) {
        d.error(item, "'" + pattern + "' matches no platform of 'platforms'; write an os (windows), a pair (linux/arm64)"
            + " or a platform with its variant (linux/arm/v7) that is built");
      } else {
        patterns.add(pattern);
      }
    }
    return patterns;
  }

  private PlatformOverride.TaskEnvironment codebuild(YamlMap owner) {
    Optional<MappingNode> node = owner.value("codebuild").flatMap(n -> YamlValues.mapping(n, owner.child("codebuild"), d));
    if (node.isEmpty()) {
      return PlatformOverride.TaskEnvironment.NONE;
    }
    YamlMap cb = YamlMap.of(node.get(), owner.child("codebuild"), d);
    cb.rejectUnknown(CODEBUILD_KEYS, d);
    String image = fields.checkedText(cb, "image", Names::checkImage);
    String computeType = fields.checkedText(cb, "compute-type", v -> CodeBuildModel.COMPUTE_TYPES.contains(v) ? Optional.empty()
        : Optional.of("unknown compute type '" + v + "'" + ConfigFields.orKnown(v, CodeBuildModel.COMPUTE_TYPES)));
    String type = fields.checkedText(cb, "type", v -> CodeBuildModel.ENVIRONMENT_TYPES.contains(v) ? Optional.empty()
        : Optional.of("unknown environment type '" + v + "'" + ConfigFields.orKnown(v, CodeBuildModel.ENVIRONMENT_TYPES)));
    String fleet = fields.checkedText(cb, "fleet", v -> FLEET.matcher(v).matches() ? Optional.empty()
        : Optional.of("'" + v + "' is not a fleet name or ARN"));
    if (type != null && type.startsWith("WINDOWS")) {
      d.warning(cb.value("type").get(), "'" + cb.child("type") + ": " + type + "' runs PowerShell or cmd, and the generated buildspec's commands"
          + " are bash: cross-compile windows from a Linux image (the default) unless your preset is written for Windows");
    }
    if (fleet != null && computeType != null) {
      d.error(cb.keyNode("fleet").get(), "'" + cb.child("fleet") + "' and 'compute-type' cannot both be set: CodeBuild refuses a batch entry"
          + " with both (a fleet has its own compute); keep one");
    }
    return new PlatformOverride.TaskEnvironment(image, computeType, type, fleet);
  }
}
