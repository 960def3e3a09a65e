package dev.crossbatch.core.config;

import dev.crossbatch.core.platform.KnownPlatforms.UnknownPlatformException;
import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.platform.Variant;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.YamlMap;
import dev.crossbatch.core.yaml.YamlValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** crossbatch.yml's {@code platforms}: a list, or an os × arch matrix with variants, exclude and include. */
final class PlatformsReader {
  static final List<String> MATRIX_KEYS = List.of("os", "arch", "variants", "exclude", "include");

  private final ConfigFields fields;
  private final Diagnostics d;
  private boolean fromMatrix;
  private final List<String> skipped = new ArrayList<>();

  PlatformsReader(ConfigFields fields) {
    this.fields = fields;
    this.d = fields.d;
  }

  /** The pairs of os × arch that Go does not support, left out of the matrix in order. */
  List<String> skipped() {
    return skipped;
  }

  /** Whether the platforms came from an os × arch matrix (so a missing pair was excluded). */
  boolean fromMatrix() {
    return fromMatrix;
  }

  List<Platform> read(YamlMap top) {
    if (!top.has("platforms")) {
      fields.missing(top, "platforms", "a list such as [linux/amd64, darwin/arm64], or os:/arch: lists");
      return List.of();
    }
    Node platformsNode = top.value("platforms").get();
    if (platformsNode instanceof SequenceNode) {
      return platformList(platformsNode, "platforms");
    }
    if (platformsNode instanceof MappingNode mapping) {
      fromMatrix = true;
      return platformMatrix(YamlMap.of(mapping, "platforms", d));
    }
    d.error(platformsNode, "'platforms' must be a list such as [linux/amd64, darwin/arm64] or a mapping with os: and arch: lists, found " + YamlValues.describe(platformsNode));
    return List.of();
  }

  private List<Platform> platformList(Node node, String path) {
    List<Platform> platforms = new ArrayList<>();
    Optional<List<ScalarNode>> items = YamlValues.scalarList(node, path, d);
    if (items.isEmpty()) {
      return platforms;
    }
    if (items.get().isEmpty()) {
      d.error(node, "'" + path + "' is empty; list at least one platform, e.g. [linux/amd64]");
    }
    Map<Platform, ScalarNode> seen = new HashMap<>();
    for (ScalarNode item : items.get()) {
      parsePlatform(item).ifPresent(p -> {
        ScalarNode first = seen.putIfAbsent(p, item);
        if (first != null) {
          d.error(item, "platform '" + p + "' is listed twice (first on line " + (first.getStartMark().getLine() + 1) + "); remove one");
        } else {
          platforms.add(p);
        }
      });
    }
    return platforms;
  }

  private Optional<Platform> parsePlatform(ScalarNode item) {
    try {
      return Optional.of(KnownPlatforms.parse(item.getValue()));
    } catch (UnknownPlatformException e) {
      d.error(item, e.getMessage());
      return Optional.empty();
    }
  }

  private List<Platform> platformMatrix(YamlMap matrix) {
    matrix.rejectUnknown(MATRIX_KEYS, d);
    List<String> oses = words(matrix, "os", KnownPlatforms.operatingSystems());
    List<String> arches = words(matrix, "arch", KnownPlatforms.architectures());
    if (!matrix.has("os") || !matrix.has("arch")) {
      d.error(matrix.node(), "'platforms' as a mapping needs both 'os' and 'arch' lists, e.g. os: [linux, darwin] and arch: [amd64, arm64]");
      return List.of();
    }
    Map<String, List<String>> variants = readVariants(matrix, arches);
    List<Platform> platforms = new ArrayList<>();
    for (String os : oses) {
      for (String arch : arches) {
        if (!KnownPlatforms.isKnown(os, arch)) {
          skipped.add(os + "/" + arch); // as GoReleaser does: a matrix means the pairs that exist
          continue;
        }
        List<String> names = variants.getOrDefault(arch, List.of(""));
        for (String variant : names) {
          platforms.add(new Platform(os, arch, variant));
        }
      }
    }
    matrix.value("exclude").ifPresent(node -> {
      for (ScalarNode item : YamlValues.scalarList(node, "platforms.exclude", d).orElse(List.of())) {
        if (skipped.contains(item.getValue())) {
          continue; // a pair Go does not support may be excluded all the same: it was never in
        }
        parsePlatform(item).ifPresent(excluded -> {
          boolean removed = platforms.removeIf(p -> p.equals(excluded) || (!excluded.hasVariant() && p.pair().equals(excluded.pair())));
          if (!removed) {
            d.error(item, "exclude '" + excluded + "' is not in os × arch; remove it");
          }
        });
      }
    });
    matrix.value("include").ifPresent(node -> {
      for (Platform extra : platformList(node, "platforms.include")) {
        if (platforms.contains(extra)) {
          d.error(node, "include '" + extra + "' is already in os × arch; remove it from include");
        } else {
          platforms.add(extra);
        }
      }
    });
    if (platforms.isEmpty() && !d.hasErrors()) {
      d.error(matrix.node(), matrix.has("exclude") ? "'platforms' leaves no platform to build after exclude; remove some exclusions"
          : "'platforms' gives only pairs Go does not support (" + String.join(", ", skipped) + "); add an os or arch");
    }
    return platforms;
  }

  private List<String> words(YamlMap matrix, String key, Set<String> known) {
    List<String> words = new ArrayList<>();
    matrix.value(key).flatMap(n -> YamlValues.scalarList(n, matrix.child(key), d)).ifPresent(items -> {
      if (items.isEmpty()) {
        d.error(matrix.value(key).get(), "'" + matrix.child(key) + "' is empty; list at least one value");
      }
      for (ScalarNode item : items) {
        String word = item.getValue();
        if (!known.contains(word)) {
          String suggestion = KnownPlatforms.suggestWord(word, known);
          d.error(item, "unknown " + (key.equals("os") ? "GOOS" : "GOARCH") + " '" + word + "'"
              + (suggestion.isEmpty() ? "; 'crossbatch platforms' lists the known ones" : suggestion));
        } else if (words.contains(word)) {
          d.error(item, "'" + word + "' is listed twice in '" + matrix.child(key) + "'; remove one");
        } else {
          words.add(word);
        }
      }
    });
    return words;
  }

  private Map<String, List<String>> readVariants(YamlMap matrix, List<String> arches) {
    Map<String, List<String>> variants = new LinkedHashMap<>();
    matrix.value("variants").flatMap(n -> YamlValues.mapping(n, "platforms.variants", d)).ifPresent(node -> {
      YamlMap map = YamlMap.of(node, "platforms.variants", d);
      for (String arch : map.keys()) {
        Node archKey = map.keyNode(arch).get();
        Optional<Variant> kind = Variant.forArch(arch);
        if (kind.isEmpty()) {
          List<String> withVariants = Arrays.stream(Variant.values()).map(Variant::arch).distinct().toList();
          d.error(archKey, "'" + arch + "' has no variants; variants exist for " + String.join(", ", withVariants));
          continue;
        }
        if (!arches.contains(arch)) {
          d.error(archKey, "variants for '" + arch + "' but '" + arch + "' is not in 'platforms.arch'; add it there or remove these variants");
        }
        List<String> names = new ArrayList<>();
        for (ScalarNode item : YamlValues.scalarList(map.value(arch).get(), map.child(arch), d).orElse(List.of())) {
          if (!kind.get().names().contains(item.getValue())) {
            d.error(item, "unknown " + kind.get().envName() + " variant '" + item.getValue() + "' for " + arch + "; valid: " + String.join(", ", kind.get().names()));
          } else {
            names.add(item.getValue());
          }
        }
        if (!names.isEmpty()) {
          variants.put(arch, names);
        }
      }
    });
    return variants;
  }
}
