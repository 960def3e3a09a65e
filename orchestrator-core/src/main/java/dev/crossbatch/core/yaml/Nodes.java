package dev.crossbatch.core.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** Builds and edits YAML node trees for emitting; the emitter decides quoting. */
public final class Nodes {
  private Nodes() {}

  private static final Resolver RESOLVER = new Resolver();

  /**
   * A string, plain when YAML reads it back as a string, else double-quoted ({@code "0"},
   * {@code "386"}, {@code "yes"}), like the presets write them.
   */
  public static ScalarNode string(String value) {
    boolean plainIsString = RESOLVER.resolve(NodeId.scalar, value, true).equals(Tag.STR);
    return new ScalarNode(Tag.STR, value, null, null,
        plainIsString ? DumperOptions.ScalarStyle.PLAIN : DumperOptions.ScalarStyle.DOUBLE_QUOTED);
  }

  public static ScalarNode integer(int value) {
    return new ScalarNode(Tag.INT, Integer.toString(value), null, null, DumperOptions.ScalarStyle.PLAIN);
  }

  public static ScalarNode bool(boolean value) {
    return new ScalarNode(Tag.BOOL, Boolean.toString(value), null, null, DumperOptions.ScalarStyle.PLAIN);
  }

  /** {@code 0.2} as a YAML number: CodeBuild rejects a quoted version in batch builds. */
  public static ScalarNode number(String value) {
    return new ScalarNode(Tag.FLOAT, value, null, null, DumperOptions.ScalarStyle.PLAIN);
  }

  public static SequenceNode strings(List<String> values) {
    List<Node> items = new ArrayList<>();
    values.forEach(v -> items.add(string(v)));
    return new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.BLOCK);
  }

  public static SequenceNode sequence(List<Node> items) {
    return new SequenceNode(Tag.SEQ, new ArrayList<>(items), DumperOptions.FlowStyle.BLOCK);
  }

  public static MappingNode mapping() {
    return new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
  }

  public static Optional<Node> get(MappingNode map, String key) {
    return find(map, key).map(NodeTuple::getValueNode);
  }

  public static Optional<MappingNode> getMapping(MappingNode map, String key) {
    return get(map, key).filter(MappingNode.class::isInstance).map(MappingNode.class::cast);
  }

  private static Optional<NodeTuple> find(MappingNode map, String key) {
    return map.getValue().stream()
        .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
        .findFirst();
  }

  /** Replaces the value of {@code key}, keeping the key's comments and place, or appends the entry. */
  public static MappingNode put(MappingNode map, String key, Node value) {
    List<NodeTuple> entries = map.getValue();
    for (int i = 0; i < entries.size(); i++) {
      NodeTuple t = entries.get(i);
      if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
        value.setInLineComments(t.getValueNode().getInLineComments());
        entries.set(i, new NodeTuple(t.getKeyNode(), value));
        return map;
      }
    }
    entries.add(new NodeTuple(string(key), value));
    return map;
  }

  /** Drops the comments written above {@code key}. */
  public static void clearComments(MappingNode map, String key) {
    map.getValue().stream()
        .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
        .forEach(t -> t.getKeyNode().setBlockComments(null));
  }

  public static void remove(MappingNode map, String key) {
    map.getValue().removeIf(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key));
  }

  /** The child mapping at {@code key}, created (empty, block style) when missing. */
  public static MappingNode child(MappingNode map, String key) {
    Optional<MappingNode> existing = getMapping(map, key);
    if (existing.isPresent()) {
      return existing.get();
    }
    MappingNode created = mapping();
    put(map, key, created);
    return created;
  }

  /** Replaces the comment block at the top of a document. */
  public static void setHeader(MappingNode root, List<String> lines) {
    if (root.getValue().isEmpty()) {
      return;
    }
    List<CommentLine> comments = new ArrayList<>();
    for (String line : lines) {
      comments.add(
          line.isEmpty()
              ? new CommentLine(null, null, "", CommentType.BLANK_LINE)
              : new CommentLine(null, null, " " + line, CommentType.BLOCK));
    }
    root.getValue().get(0).getKeyNode().setBlockComments(comments);
  }
}
