package dev.crossbatch.core.yaml;

import dev.crossbatch.core.text.Suggestions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read key by key with locations kept. Duplicate keys, non-string keys and merge
 * keys are reported where they stand; the first occurrence of a key wins.
 */
public final class YamlMap {
  private final MappingNode node;
  private final String path;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private YamlMap(MappingNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** {@code path} names the mapping in messages ("codebuild", "batch/build-list[2]"), empty at the top. */
  public static YamlMap of(MappingNode node, String path, Diagnostics diagnostics) {
    YamlMap map = new YamlMap(node, path);
    for (NodeTuple tuple : node.getValue()) {
      Node key = tuple.getKeyNode();
      if (key.getTag().equals(Tag.MERGE)) {
        diagnostics.error(key, "YAML merge keys ('<<') are not supported" + where(path) + "; write the keys out");
        continue;
      }
      if (!(key instanceof ScalarNode scalar)) {
        diagnostics.error(key, "keys must be plain strings" + where(path) + ", found " + YamlValues.describe(key));
        continue;
      }
      String name = scalar.getValue();
      NodeTuple first = map.entries.get(name);
      if (first != null) {
        int line = first.getKeyNode().getStartMark().getLine() + 1;
        diagnostics.error(key, "duplicate key '" + name + "'" + where(path) + " (first defined on line " + line + "); remove one");
        continue;
      }
      map.entries.put(name, tuple);
    }
    return map;
  }

  private static String where(String path) {
    return path.isEmpty() ? "" : " in '" + path + "'";
  }

  public MappingNode node() {
    return node;
  }

  public String path() {
    return path;
  }

  /** The path of a child key, for messages: {@code codebuild.region}. */
  public String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public Set<String> keys() {
    return entries.keySet();
  }

  public boolean has(String key) {
    return entries.containsKey(key);
  }

  public Optional<Node> value(String key) {
    return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
  }

  public Optional<Node> keyNode(String key) {
    return Optional.ofNullable(entries.get(key)).map(NodeTuple::getKeyNode);
  }

  /**
   * Whether a key here that is not in {@code known} looks like a misspelling of {@code key}: its
   * unknown-key error already says what is missing, so "missing key" would only repeat it.
   */
  public boolean misspells(String key, Collection<String> known) {
    return entries.keySet().stream()
        .filter(k -> !known.contains(k))
        .anyMatch(k -> Suggestions.closest(k, known).filter(key::equals).isPresent());
  }

  /** Reports each key that is not in {@code known}, with the closest known key when there is one. */
  public void rejectUnknown(Collection<String> known, Diagnostics diagnostics) {
    for (NodeTuple tuple : entries.values()) {
      String key = ((ScalarNode) tuple.getKeyNode()).getValue();
      if (!known.contains(key)) {
        diagnostics.error(tuple.getKeyNode(), unknownKeyMessage(key, known));
      }
    }
  }

  /** Same as {@link #rejectUnknown} but as warnings, for keys a service ignores. */
  public void warnUnknown(Collection<String> known, Diagnostics diagnostics) {
    for (NodeTuple tuple : entries.values()) {
      String key = ((ScalarNode) tuple.getKeyNode()).getValue();
      if (!known.contains(key)) {
        diagnostics.warning(tuple.getKeyNode(), unknownKeyMessage(key, known));
      }
    }
  }

  private String unknownKeyMessage(String key, Collection<String> known) {
    String suggestion = Suggestions.didYouMean(key, known);
    String base = "unknown key '" + key + "'" + where(path);
    return suggestion.isEmpty() ? base + "; known keys: " + String.join(", ", known) : base + suggestion;
  }
}
