package dev.crossbatch.core.buildspec;

import dev.crossbatch.core.spec.CodeBuildModel;
import dev.crossbatch.core.yaml.Diagnostic;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.InvalidFileException;
import dev.crossbatch.core.yaml.Nodes;
import dev.crossbatch.core.yaml.SafeYaml;
import dev.crossbatch.core.yaml.YamlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns buildspec text into a {@link Buildspec}. The text is validated first, so every read here
 * can trust the shape; anything invalid is reported with every file:line:col and nothing runs.
 */
public final class BuildspecReader {
  private BuildspecReader() {}

  public static Buildspec read(String text, String displayName) {
    List<Diagnostic> errors = BuildspecValidator.check(text, displayName).diagnostics().stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty()) {
      throw new InvalidFileException(errors);
    }
    MappingNode root = (MappingNode) SafeYaml.parse(text, new Diagnostics(displayName), false).orElseThrow();
    MappingNode env = Nodes.getMapping(root, "env").orElse(null);
    String shell = env == null ? "bash" : Nodes.get(env, "shell").map(BuildspecReader::text).orElse("bash");
    Map<String, String> variables = env == null ? Map.of() : Nodes.getMapping(env, "variables").map(BuildspecReader::strings).orElse(Map.of());
    return new Buildspec(
        shell,
        variables,
        phases(Nodes.getMapping(root, "phases").orElse(Nodes.mapping())),
        Nodes.getMapping(root, "artifacts").map(BuildspecReader::artifacts).orElse(null),
        Nodes.getMapping(root, "batch").map(BuildspecReader::batch).orElse(null),
        remoteVariables(env),
        env == null ? List.of() : Nodes.get(env, "exported-variables").map(BuildspecReader::list).orElse(List.of()),
        reports(Nodes.getMapping(root, "reports").orElse(Nodes.mapping())),
        Nodes.getMapping(root, "cache").flatMap(c -> Nodes.get(c, "paths")).map(BuildspecReader::list).orElse(List.of()));
  }

  /** Report groups by name or ARN; each selects files as an artifact does. */
  private static List<Buildspec.Report> reports(MappingNode reports) {
    List<Buildspec.Report> result = new ArrayList<>();
    for (NodeTuple t : reports.getValue()) {
      if (t.getValueNode() instanceof MappingNode group) {
        result.add(new Buildspec.Report(text(t.getKeyNode()), Nodes.get(group, "file-format").map(BuildspecReader::text).orElse("JUNITXML"),
            artifacts(group)));
      }
    }
    return result;
  }

  /** What a task or the matrix's static part asks of the environment CodeBuild would run it in. */
  private static Map<String, String> environment(MappingNode env) {
    Map<String, String> asked = new LinkedHashMap<>();
    for (String key : List.of("image", "type", "compute-type", "fleet")) {
      Nodes.get(env, key).filter(ScalarNode.class::isInstance).map(BuildspecReader::text).ifPresent(v -> asked.put(key, v));
    }
    return asked;
  }

  private static Map<String, String> remoteVariables(MappingNode env) {
    Map<String, String> remote = new java.util.LinkedHashMap<>();
    if (env != null) {
      for (String store : List.of("parameter-store", "secrets-manager")) {
        Nodes.getMapping(env, store).map(BuildspecReader::strings).orElse(Map.of()).forEach((name, from) -> remote.put(name, store + " " + from));
      }
    }
    return remote;
  }

  private static List<Buildspec.Phase> phases(MappingNode phases) {
    List<Buildspec.Phase> result = new ArrayList<>();
    for (String name : CodeBuildModel.PHASES) {
      Optional<MappingNode> phase = Nodes.getMapping(phases, name);
      if (phase.isEmpty()) {
        continue;
      }
      MappingNode p = phase.get();
      result.add(new Buildspec.Phase(
          name,
          Nodes.get(p, "commands").map(BuildspecReader::list).orElse(List.of()),
          Nodes.get(p, "finally").map(BuildspecReader::list).orElse(List.of()),
          Nodes.get(p, "on-failure").map(BuildspecReader::text).orElse(null),
          Nodes.getMapping(p, "runtime-versions").map(BuildspecReader::strings).orElse(Map.of())));
    }
    return result;
  }

  private static Buildspec.Artifacts artifacts(MappingNode a) {
    return new Buildspec.Artifacts(
        Nodes.get(a, "files").map(BuildspecReader::list).orElse(List.of()),
        Nodes.get(a, "name").map(BuildspecReader::text).orElse(null),
        Nodes.get(a, "discard-paths").map(BuildspecReader::flag).orElse(false),
        Nodes.get(a, "base-directory").map(BuildspecReader::text).orElse(null),
        Nodes.get(a, "exclude-paths").map(BuildspecReader::list).orElse(List.of()),
        secondary(Nodes.getMapping(a, "secondary-artifacts").orElse(Nodes.mapping())));
  }

  private static Map<String, Buildspec.Artifacts> secondary(MappingNode secondary) {
    Map<String, Buildspec.Artifacts> result = new LinkedHashMap<>();
    for (NodeTuple t : secondary.getValue()) {
      if (t.getValueNode() instanceof MappingNode artifact) {
        result.put(text(t.getKeyNode()), artifacts(artifact));
      }
    }
    return result;
  }

  private static Buildspec.Batch batch(MappingNode b) {
    boolean fastFail = Nodes.get(b, "fast-fail").map(BuildspecReader::flag).orElse(false);
    for (String type : List.of("build-list", "build-graph")) {
      Optional<Node> tasks = Nodes.get(b, type);
      if (tasks.isPresent()) {
        List<Buildspec.Task> list = new ArrayList<>();
        for (Node item : ((SequenceNode) tasks.get()).getValue()) {
          list.add(task((MappingNode) item));
        }
        return type.equals("build-list") ? new Buildspec.Batch.BuildList(fastFail, list) : new Buildspec.Batch.Graph(fastFail, list);
      }
    }
    Optional<MappingNode> matrix = Nodes.getMapping(b, "build-matrix");
    if (matrix.isPresent()) {
      MappingNode m = matrix.get();
      Optional<MappingNode> fixed = Nodes.getMapping(m, "static");
      boolean ignore = fixed.flatMap(s -> Nodes.get(s, "ignore-failure")).map(BuildspecReader::flag).orElse(false);
      Map<String, String> environment = fixed.flatMap(s -> Nodes.getMapping(s, "env")).map(BuildspecReader::environment).orElse(Map.of());
      MappingNode dynamic = Nodes.getMapping(m, "dynamic").orElseThrow();
      List<String> buildspecs = Nodes.get(dynamic, "buildspec").map(BuildspecReader::list).orElse(List.of());
      Optional<MappingNode> dynamicEnv = Nodes.getMapping(dynamic, "env");
      List<String> images = dynamicEnv.flatMap(e -> Nodes.get(e, "image")).map(BuildspecReader::list).orElse(List.of());
      List<String> computeTypes = dynamicEnv.flatMap(e -> Nodes.get(e, "compute-type")).map(BuildspecReader::list).orElse(List.of());
      Map<String, List<String>> axes = new LinkedHashMap<>();
      dynamicEnv.flatMap(e -> Nodes.getMapping(e, "variables")).ifPresent(vars -> {
        for (NodeTuple t : vars.getValue()) {
          axes.put(text(t.getKeyNode()), list(t.getValueNode()));
        }
      });
      return new Buildspec.Batch.BuildMatrix(fastFail, new Buildspec.Matrix(ignore, buildspecs, images, computeTypes, axes, environment));
    }
    MappingNode fanout = Nodes.getMapping(b, "build-fanout").orElseThrow();
    return new Buildspec.Batch.Fanout(fastFail,
        Integer.parseInt(text(Nodes.get(fanout, "parallelism").orElseThrow())),
        Nodes.get(fanout, "ignore-failure").map(BuildspecReader::flag).orElse(false));
  }

  private static Buildspec.Task task(MappingNode t) {
    Optional<MappingNode> env = Nodes.getMapping(t, "env");
    Map<String, String> variables = env.flatMap(e -> Nodes.getMapping(e, "variables")).map(BuildspecReader::strings).orElse(Map.of());
    return new Buildspec.Task(
        text(Nodes.get(t, "identifier").orElseThrow()),
        Nodes.get(t, "buildspec").map(BuildspecReader::text).orElse(null),
        Nodes.get(t, "depend-on").map(BuildspecReader::list).orElse(List.of()),
        Nodes.get(t, "ignore-failure").map(BuildspecReader::flag).orElse(false),
        variables,
        env.map(BuildspecReader::environment).orElse(Map.of()));
  }

  private static String text(Node node) {
    return ((ScalarNode) node).getValue();
  }

  private static boolean flag(Node node) {
    return YamlValues.bool(node, "", new Diagnostics("")).orElse(false);
  }

  /** A list of scalars, or a single scalar as a one-item list (globs may be written either way). */
  private static List<String> list(Node node) {
    if (node instanceof ScalarNode scalar) {
      return List.of(scalar.getValue());
    }
    return ((SequenceNode) node).getValue().stream().map(BuildspecReader::text).toList();
  }

  private static Map<String, String> strings(MappingNode map) {
    Map<String, String> result = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      Node value = t.getValueNode();
      result.put(text(t.getKeyNode()), YamlValues.isNull(value) ? "" : text(value));
    }
    return result;
  }
}
