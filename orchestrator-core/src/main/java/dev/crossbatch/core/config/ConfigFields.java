package dev.crossbatch.core.config;

import dev.crossbatch.core.text.PlaceholderTemplate.TemplateException;
import dev.crossbatch.core.text.Suggestions;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.YamlMap;
import dev.crossbatch.core.yaml.YamlValues;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** What every section reader of crossbatch.yml needs: values read with their problems reported, all into one {@link Diagnostics}. */
final class ConfigFields {
  final Diagnostics d;

  ConfigFields(Diagnostics d) {
    this.d = d;
  }

  boolean checked(Node node, Optional<String> problem) {
    problem.ifPresent(p -> d.error(node, p));
    return problem.isEmpty();
  }

  Optional<String> required(YamlMap map, String key, String what) {
    if (!map.has(key)) {
      missing(map, key, what);
      return Optional.empty();
    }
    return YamlValues.text(map.value(key).get(), map.child(key), d);
  }

  /** A missing key, unless an unknown key that is its misspelling was already reported. */
  void missing(YamlMap map, String key, String what) {
    if (!map.misspells(key, ConfigLoader.TOP_KEYS)) {
      d.error(map.node(), "missing required key '" + map.child(key) + "' (" + what + ")");
    }
  }

  Optional<String> optionalText(YamlMap map, String key) {
    return map.value(key).flatMap(n -> YamlValues.text(n, map.child(key), d));
  }

  Optional<List<String>> optionalCommands(YamlMap map, String key) {
    return map.value(key)
        .flatMap(n -> YamlValues.scalarList(n, map.child(key), d))
        .map(items -> {
          if (items.isEmpty()) {
            d.error(map.value(key).get(), "'" + map.child(key) + "' is an empty list; give at least one command or remove the key");
          }
          return items.stream().map(ScalarNode::getValue).toList();
        });
  }

  static String orKnown(String value, List<String> known) {
    String suggestion = Suggestions.didYouMean(value, known);
    return suggestion.isEmpty() ? "; valid: " + String.join(", ", known) : suggestion;
  }

  String checkedText(YamlMap map, String key, Function<String, Optional<String>> check) {
    if (map == null || !map.has(key)) {
      return null;
    }
    Node node = map.value(key).get();
    return YamlValues.text(node, map.child(key), d).filter(v -> checked(node, check.apply(v))).orElse(null);
  }

  /** Points at the offending character when the value is a one-line scalar. */
  void pointInto(Node node, TemplateException e, String key) {
    if (node instanceof ScalarNode scalar && scalar.getStartMark().getLine() == scalar.getEndMark().getLine()) {
      int quote = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN ? 0 : 1;
      d.error(node, quote + e.offset(), "'" + key + "': " + e.getMessage());
    } else {
      d.error(node, "'" + key + "': " + e.getMessage());
    }
  }
}
