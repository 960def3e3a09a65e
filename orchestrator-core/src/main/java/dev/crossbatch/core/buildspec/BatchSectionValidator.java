package dev.crossbatch.core.buildspec;

import dev.crossbatch.core.spec.CodeBuildModel;
import dev.crossbatch.core.text.Suggestions;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.YamlMap;
import dev.crossbatch.core.yaml.YamlValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A buildspec's {@code batch} section: one batch type, its tasks or axes, and how many builds it makes. */
final class BatchSectionValidator {
  private final Diagnostics d;
  private String batchType;
  private int builds;
  /** The builds that run this very file (no buildspec of their own): task identifiers, or what the matrix or fanout makes. */
  private final List<String> runningThisFile = new ArrayList<>();

  BatchSectionValidator(Diagnostics d) {
    this.d = d;
  }

  /** build-list, build-graph, build-matrix or build-fanout; null when none was found. */
  String batchType() {
    return batchType;
  }

  int builds() {
    return builds;
  }

  List<String> runningThisFile() {
    return runningThisFile;
  }

  void batch(MappingNode node) {
    YamlMap batch = YamlMap.of(node, "batch", d);
    batch.warnUnknown(BuildspecValidator.BATCH_KEYS, d);
    batch.value("fast-fail").ifPresent(n -> YamlValues.bool(n, "batch.fast-fail", d));
    List<String> types = BuildspecValidator.BATCH_TYPES.stream().filter(batch::has).toList();
    if (types.isEmpty()) {
      d.error(node, "'batch' needs one of build-list, build-graph, build-matrix or build-fanout");
      return;
    }
    if (types.size() > 1) {
      for (String extra : types.subList(1, types.size())) {
        d.error(batch.keyNode(extra).get(), "'batch' may hold only one batch type; found " + types.get(0) + " and " + extra + ". Keep one");
      }
    }
    batchType = types.get(0);
    Node value = batch.value(batchType).get();
    switch (batchType) {
      case "build-list" -> tasks(value, "batch.build-list", false);
      case "build-graph" -> tasks(value, "batch.build-graph", true);
      case "build-matrix" -> YamlValues.mapping(value, "batch.build-matrix", d).ifPresent(this::matrix);
      default -> YamlValues.mapping(value, "batch.build-fanout", d).ifPresent(this::fanout);
    }
  }

  private void tasks(Node node, String path, boolean graph) {
    if (!(node instanceof SequenceNode sequence)) {
      d.error(node, "'" + path + "' must be a list of builds, each with an identifier, found " + YamlValues.describe(node));
      return;
    }
    if (sequence.getValue().isEmpty()) {
      d.error(node, "'" + path + "' is empty; list at least one build");
    }
    Map<String, ScalarNode> identifiers = new LinkedHashMap<>();
    Map<String, List<ScalarNode>> dependsOn = new LinkedHashMap<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      String taskPath = path + "[" + i + "]";
      Node item = sequence.getValue().get(i);
      Optional<MappingNode> mapping = YamlValues.mapping(item, taskPath, d);
      if (mapping.isEmpty()) {
        continue;
      }
      YamlMap task = YamlMap.of(mapping.get(), taskPath, d);
      // keys CodeBuild does not document in a task are tolerated by it (git-credential-helper, seen in production): warnings
      task.warnUnknown(BuildspecValidator.TASK_KEYS, d);
      String id = identifier(task, identifiers);
      taskOptions(task);
      if (!task.has("buildspec")) {
        runningThisFile.add(id != null ? id : taskPath);
      }
      if (task.has("depend-on")) {
        Node deps = task.value("depend-on").get();
        if (!graph) {
          d.error(task.keyNode("depend-on").get(), "'depend-on' is only allowed in build-graph; use build-graph or remove it");
        } else {
          YamlValues.scalarList(deps, task.child("depend-on"), d).ifPresent(list -> {
            if (id != null) {
              dependsOn.put(id, list);
            }
          });
        }
      }
      task.value("env").flatMap(n -> YamlValues.mapping(n, task.child("env"), d)).ifPresent(n -> taskEnv(YamlMap.of(n, task.child("env"), d), BuildspecValidator.TASK_ENV_KEYS));
    }
    builds = sequence.getValue().size();
    if (graph) {
      checkDependencies(identifiers, dependsOn);
    }
  }

  private String identifier(YamlMap task, Map<String, ScalarNode> identifiers) {
    if (!task.has("identifier")) {
      // an unknown key is only a warning, so a misspelled identifier still needs this error: CodeBuild needs the identifier
      d.error(task.node(), "'" + task.child("identifier") + "' is required (letters, digits and '_', e.g. linux_amd64)");
      return null;
    }
    Node node = task.value("identifier").get();
    Optional<String> id = YamlValues.text(node, task.child("identifier"), d);
    if (id.isEmpty()) {
      return null;
    }
    String value = id.get();
    if (value.length() >= 128) {
      d.error(node, "identifier is " + value.length() + " characters; CodeBuild needs fewer than 128");
    } else if (!CodeBuildModel.IDENTIFIER.matcher(value).matches()) {
      String fixed = value.replaceAll("[^A-Za-z0-9_]", "_");
      d.error(node, "identifier '" + value + "' may contain only letters, digits and '_' (CodeBuild fails the whole batch otherwise); e.g. '" + fixed + "'");
    }
    ScalarNode first = identifiers.putIfAbsent(value, (ScalarNode) node);
    if (first != null) {
      d.error(node, "identifier '" + value + "' is used twice (first on line " + (first.getStartMark().getLine() + 1) + "); identifiers must be unique");
    }
    // an invalid identifier is still the name other tasks depend on: keep checking them
    return value;
  }

  private void taskOptions(YamlMap task) {
    task.value("ignore-failure").ifPresent(n -> YamlValues.bool(n, task.child("ignore-failure"), d));
    task.value("debug-session").ifPresent(n -> YamlValues.bool(n, task.child("debug-session"), d));
    task.value("buildspec").ifPresent(n -> YamlValues.text(n, task.child("buildspec"), d));
  }

  private void taskEnv(YamlMap env, List<String> keys) {
    env.warnUnknown(keys, d);
    if (env.has("compute-type") && env.has("fleet")) {
      d.error(env.keyNode("fleet").get(), "'" + env.child("fleet") + "' cannot be combined with compute-type in the same build; keep one");
    }
    env.value("compute-type").ifPresent(n -> enumValue(n, env.child("compute-type"), CodeBuildModel.COMPUTE_TYPES, "compute type"));
    env.value("type").ifPresent(n -> enumValue(n, env.child("type"), CodeBuildModel.ENVIRONMENT_TYPES, "environment type"));
    env.value("privileged-mode").ifPresent(n -> YamlValues.bool(n, env.child("privileged-mode"), d));
    env.value("image").ifPresent(n -> YamlValues.text(n, env.child("image"), d));
    env.value("fleet").ifPresent(n -> YamlValues.text(n, env.child("fleet"), d));
    env.value("variables").flatMap(n -> YamlValues.mapping(n, env.child("variables"), d)).ifPresent(n -> BuildspecValidator.variables(n, env.child("variables"), d));
  }

  private void enumValue(Node node, String path, List<String> valid, String what) {
    YamlValues.text(node, path, d).ifPresent(v -> {
      if (!valid.contains(v)) {
        String suggestion = Suggestions.didYouMean(v, valid);
        d.error(node, "unknown " + what + " '" + v + "' in '" + path + "'" + (suggestion.isEmpty() ? "; valid: " + String.join(", ", valid) : suggestion));
      }
    });
  }

  /** Every depend-on names an existing identifier, and the graph has no cycle. */
  private void checkDependencies(Map<String, ScalarNode> identifiers, Map<String, List<ScalarNode>> dependsOn) {
    Map<String, List<String>> edges = new HashMap<>();
    dependsOn.forEach((id, deps) -> {
      List<String> valid = new ArrayList<>();
      for (ScalarNode dep : deps) {
        if (!identifiers.containsKey(dep.getValue())) {
          String suggestion = Suggestions.didYouMean(dep.getValue(), identifiers.keySet());
          d.error(dep, "'" + id + "' depends on '" + dep.getValue() + "', which is not an identifier in build-graph"
              + (suggestion.isEmpty() ? "; known: " + String.join(", ", identifiers.keySet()) : suggestion));
        } else {
          valid.add(dep.getValue());
        }
      }
      edges.put(id, valid);
    });
    BuildGraph.cycle(identifiers.keySet(), edges).ifPresent(cycle ->
        d.error(identifiers.get(cycle.get(0)), "build-graph has a cycle: " + String.join(" -> ", cycle) + "; remove one of these depend-on entries"));
  }

  private void matrix(MappingNode node) {
    YamlMap matrix = YamlMap.of(node, "batch.build-matrix", d);
    matrix.warnUnknown(List.of("static", "dynamic"), d);
    matrix.value("static").flatMap(n -> YamlValues.mapping(n, "batch.build-matrix.static", d)).ifPresent(n -> {
      YamlMap stat = YamlMap.of(n, "batch.build-matrix.static", d);
      stat.warnUnknown(List.of("ignore-failure", "env"), d);
      stat.value("ignore-failure").ifPresent(v -> YamlValues.bool(v, stat.child("ignore-failure"), d));
      stat.value("env").flatMap(v -> YamlValues.mapping(v, stat.child("env"), d)).ifPresent(v -> taskEnv(YamlMap.of(v, stat.child("env"), d), BuildspecValidator.MATRIX_STATIC_ENV_KEYS));
    });
    if (!matrix.has("dynamic")) {
      d.error(node, "'batch.build-matrix' needs 'dynamic' with at least one axis (buildspec, env.image, env.compute-type or env.variables)");
      return;
    }
    YamlValues.mapping(matrix.value("dynamic").get(), "batch.build-matrix.dynamic", d).ifPresent(n -> {
      YamlMap dynamic = YamlMap.of(n, "batch.build-matrix.dynamic", d);
      dynamic.warnUnknown(List.of("buildspec", "env"), d);
      if (!dynamic.has("buildspec")) {
        runningThisFile.add("every build-matrix build");
      }
      List<Integer> axes = new ArrayList<>();
      dynamic.value("buildspec").flatMap(v -> axis(v, dynamic.child("buildspec"))).ifPresent(axes::add);
      dynamic.value("env").flatMap(v -> YamlValues.mapping(v, dynamic.child("env"), d)).ifPresent(v -> {
        YamlMap env = YamlMap.of(v, dynamic.child("env"), d);
        env.warnUnknown(BuildspecValidator.MATRIX_DYNAMIC_ENV_KEYS, d);
        env.value("image").flatMap(x -> axis(x, env.child("image"))).ifPresent(axes::add);
        env.value("compute-type").ifPresent(x -> {
          if (x instanceof ScalarNode one && !YamlValues.isNull(x)) {
            // documented as a list; one value is one build's worth, and CodeBuild's handling of it is not documented
            d.warning(x, "'" + env.child("compute-type") + "' is an axis, a list of compute types; write [" + one.getValue() + "]");
            enumValue(x, env.child("compute-type"), CodeBuildModel.COMPUTE_TYPES, "compute type");
            return;
          }
          axis(x, env.child("compute-type")).ifPresent(size -> {
            axes.add(size);
            YamlValues.scalarList(x, env.child("compute-type"), d).orElse(List.of())
                .forEach(item -> enumValue(item, env.child("compute-type"), CodeBuildModel.COMPUTE_TYPES, "compute type"));
          });
        });
        env.value("variables").flatMap(x -> YamlValues.mapping(x, env.child("variables"), d)).ifPresent(x -> {
          YamlMap vars = YamlMap.of(x, env.child("variables"), d);
          for (String name : vars.keys()) {
            if (name.startsWith(CodeBuildModel.RESERVED_ENV_PREFIX)) {
              d.error(vars.keyNode(name).get(), "'" + name + "' is reserved: CodeBuild sets CODEBUILD_* variables itself; choose another name");
            }
            axis(vars.value(name).get(), vars.child(name)).ifPresent(axes::add);
          }
        });
      });
      if (axes.isEmpty() && !d.hasErrors()) {
        d.error(n, "'batch.build-matrix.dynamic' has no axis; add buildspec, env.image, env.compute-type or env.variables lists");
      }
      builds = axes.stream().reduce(1, (a, b) -> a * b);
    });
  }

  /** One matrix axis: a non-empty list of values. Returns its size. */
  private Optional<Integer> axis(Node node, String path) {
    return YamlValues.scalarList(node, path, d).flatMap(items -> {
      if (items.isEmpty()) {
        d.error(node, "'" + path + "' is an empty axis; list at least one value or remove it");
        return Optional.empty();
      }
      return Optional.of(items.size());
    });
  }

  private void fanout(MappingNode node) {
    YamlMap fanout = YamlMap.of(node, "batch.build-fanout", d);
    fanout.warnUnknown(List.of("parallelism", "ignore-failure"), d);
    fanout.value("ignore-failure").ifPresent(n -> YamlValues.bool(n, fanout.child("ignore-failure"), d));
    if (!fanout.has("parallelism")) {
      d.error(node, "'batch.build-fanout.parallelism' is required: how many builds to run");
      return;
    }
    builds = YamlValues.integer(fanout.value("parallelism").get(), "batch.build-fanout.parallelism", 1, 100_000, d).orElse(0);
    runningThisFile.add("every build-fanout build");
  }
}
