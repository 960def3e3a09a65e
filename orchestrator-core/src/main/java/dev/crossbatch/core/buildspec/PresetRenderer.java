package dev.crossbatch.core.buildspec;

import dev.crossbatch.core.text.Suggestions;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Fills the {@code {{token}}} values of a preset, node by node:
 *
 * <ul>
 *   <li>a scalar that is exactly one token becomes the value's own node: a number stays a number,
 *       a list becomes a list (spliced in place inside a list), a node is inserted as is;
 *   <li>a token inside a longer string is replaced by the value's text, keeping the scalar's tag
 *       (so {@code !Sub} strings stay {@code !Sub});
 *   <li>a token whose value is absent ({@code null}) removes its mapping entry or list item.
 * </ul>
 */
final class PresetRenderer {
  private static final Pattern TOKEN = Pattern.compile("\\{\\{([a-z_]+)}}");

  private final Map<String, Object> values;
  private final Diagnostics diagnostics;

  /** {@code values}: String, Integer, Boolean, List of String, Node, or null for "absent". */
  PresetRenderer(Map<String, Object> values, Diagnostics diagnostics) {
    this.values = values;
    this.diagnostics = diagnostics;
  }

  /** Renders in place; returns the root (a scalar root is replaced by a new node). */
  Node render(Node node) {
    if (node instanceof MappingNode map) {
      List<NodeTuple> rendered = new ArrayList<>();
      for (NodeTuple entry : map.getValue()) {
        Node value = entry.getValueNode();
        String token = wholeToken(value);
        if (token == null) {
          rendered.add(new NodeTuple(entry.getKeyNode(), render(value)));
          continue;
        }
        Object v = lookup(token, value);
        if (v != null) {
          rendered.add(new NodeTuple(entry.getKeyNode(), withComments(toNode(v), value)));
        }
      }
      map.setValue(rendered);
      return map;
    }
    if (node instanceof SequenceNode seq) {
      List<Node> rendered = new ArrayList<>();
      for (Node item : seq.getValue()) {
        String token = wholeToken(item);
        if (token == null) {
          rendered.add(render(item));
          continue;
        }
        Object v = lookup(token, item);
        if (v instanceof List<?> list) {
          list.forEach(x -> rendered.add(Nodes.string(String.valueOf(x))));
        } else if (v != null) {
          rendered.add(withComments(toNode(v), item));
        }
      }
      seq.getValue().clear();
      seq.getValue().addAll(rendered);
      return seq;
    }
    return substituteInside((ScalarNode) node);
  }

  /** Replaces tokens inside a longer scalar, keeping its tag and style; an empty value also takes one neighbouring space. */
  private Node substituteInside(ScalarNode scalar) {
    if (!scalar.getValue().contains("{{")) {
      return scalar;
    }
    Matcher m = TOKEN.matcher(scalar.getValue());
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      Object v = lookup(m.group(1), scalar);
      String text = v == null ? "" : v instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList()) : String.valueOf(v);
      out.append(scalar.getValue(), last, m.start());
      if (text.isEmpty() && out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
        out.setLength(out.length() - 1);
      }
      out.append(text);
      last = m.end();
    }
    out.append(scalar.getValue().substring(last));
    ScalarNode replaced =
        new ScalarNode(scalar.getTag(), out.toString(), scalar.getStartMark(), scalar.getEndMark(), scalar.getScalarStyle());
    return withComments(replaced, scalar);
  }

  private Object lookup(String token, Node at) {
    if (!values.containsKey(token)) {
      List<String> known = values.keySet().stream().map(k -> "{{" + k + "}}").sorted().toList();
      String suggestion = Suggestions.didYouMean("{{" + token + "}}", known);
      diagnostics.error(at, "unknown preset token '{{" + token + "}}'" + (suggestion.isEmpty() ? "; known: " + String.join(", ", known) : suggestion));
      return null;
    }
    return values.get(token);
  }

  private static String wholeToken(Node node) {
    if (node instanceof ScalarNode scalar) {
      Matcher m = TOKEN.matcher(scalar.getValue());
      if (m.matches()) {
        return m.group(1);
      }
    }
    return null;
  }

  private static Node toNode(Object value) {
    if (value instanceof Node node) {
      return node;
    }
    if (value instanceof Integer i) {
      return Nodes.integer(i);
    }
    if (value instanceof Boolean b) {
      return Nodes.bool(b);
    }
    if (value instanceof List<?> list) {
      return Nodes.strings(list.stream().map(String::valueOf).toList());
    }
    return Nodes.string(String.valueOf(value));
  }

  private static Node withComments(Node created, Node replaced) {
    created.setInLineComments(replaced.getInLineComments());
    created.setBlockComments(replaced.getBlockComments());
    return created;
  }
}
