package dev.crossbatch.core.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of YAML nodes that report what was expected and what was found at the node's
 * location. Strings take the scalar's text as written, so {@code go: 1.20} stays "1.20" and
 * {@code name: yes} stays "yes" (YAML 1.1 would make them 1.2 and true).
 */
public final class YamlValues {
  private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON");
  private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF");

  private YamlValues() {}

  public static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    if (tag.equals(Tag.NULL)) {
      return "nothing";
    }
    if (tag.equals(Tag.BOOL)) {
      return "a boolean";
    }
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      return "a number";
    }
    return "a string";
  }

  public static boolean isNull(Node node) {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  public static Optional<String> string(Node node, String path, Diagnostics d) {
    if (node instanceof ScalarNode scalar && !isNull(node)) {
      return Optional.of(scalar.getValue());
    }
    d.error(node, "'" + path + "' must be a string, found " + describe(node));
    return Optional.empty();
  }

  /** A non-empty string. */
  public static Optional<String> text(Node node, String path, Diagnostics d) {
    Optional<String> value = string(node, path, d);
    if (value.isPresent() && value.get().isBlank()) {
      d.error(node, "'" + path + "' is empty; give a value or remove the key");
      return Optional.empty();
    }
    return value;
  }

  /** YAML booleans, plus the quoted strings "yes"/"no" that buildspecs use. */
  public static Optional<Boolean> bool(Node node, String path, Diagnostics d) {
    if (node instanceof ScalarNode scalar) {
      if (TRUE.contains(scalar.getValue())) {
        return Optional.of(true);
      }
      if (FALSE.contains(scalar.getValue())) {
        return Optional.of(false);
      }
    }
    d.error(node, "'" + path + "' must be true or false, found " + found(node));
    return Optional.empty();
  }

  public static Optional<Integer> integer(Node node, String path, int min, int max, Diagnostics d) {
    if (node instanceof ScalarNode scalar && node.getTag().equals(Tag.INT)) {
      try {
        int value = Integer.parseInt(scalar.getValue());
        if (value >= min && value <= max) {
          return Optional.of(value);
        }
        d.error(node, "'" + path + "' must be between " + min + " and " + max + ", found " + value);
        return Optional.empty();
      } catch (NumberFormatException e) {
        // 0x10, 0o17, 1_000: fall through to the generic message
      }
    }
    d.error(node, "'" + path + "' must be a whole number, found " + found(node));
    return Optional.empty();
  }

  /** A list whose items are all scalars; a single scalar is not accepted (the error says to make it a list). */
  public static Optional<List<ScalarNode>> scalarList(Node node, String path, Diagnostics d) {
    if (!(node instanceof SequenceNode sequence)) {
      d.error(node, "'" + path + "' must be a list, found " + found(node));
      return Optional.empty();
    }
    List<ScalarNode> items = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node item = sequence.getValue().get(i);
      if (item instanceof ScalarNode scalar && !isNull(item)) {
        items.add(scalar);
      } else {
        d.error(item, "'" + path + "[" + i + "]' must be a string, found " + describe(item));
        ok = false;
      }
    }
    return ok ? Optional.of(items) : Optional.empty();
  }

  public static Optional<MappingNode> mapping(Node node, String path, Diagnostics d) {
    if (node instanceof MappingNode mapping) {
      return Optional.of(mapping);
    }
    d.error(node, "'" + path + "' must be a mapping of keys to values, found " + found(node));
    return Optional.empty();
  }

  private static String found(Node node) {
    if (node instanceof ScalarNode scalar && !isNull(node)) {
      return describe(node) + " '" + scalar.getValue() + "'";
    }
    return describe(node);
  }
}
