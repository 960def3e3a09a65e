package dev.crossbatch.core.buildspec;

import dev.crossbatch.core.config.Names;
import dev.crossbatch.core.spec.CodeBuildModel;
import dev.crossbatch.core.text.Suggestions;
import dev.crossbatch.core.yaml.Diagnostic;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.SafeYaml;
import dev.crossbatch.core.yaml.YamlMap;
import dev.crossbatch.core.yaml.YamlValues;
import java.nio.file.Path;
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
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks any buildspec, generated or hand-written, against the buildspec v0.2 and batch rules
 * CodeBuild applies (see docs/buildspec-rules.md), so that mistakes show up before a batch fails
 * in DOWNLOAD_SOURCE.
 */
public final class BuildspecValidator {
  static final List<String> TOP_KEYS =
      List.of("version", "run-as", "env", "proxy", "batch", "phases", "reports", "artifacts", "cache");
  static final List<String> ENV_KEYS =
      List.of("shell", "variables", "parameter-store", "secrets-manager", "exported-variables", "git-credential-helper");
  static final List<String> PHASE_KEYS = List.of("run-as", "on-failure", "runtime-versions", "commands", "finally");
  static final List<String> ARTIFACT_KEYS =
      List.of("files", "name", "discard-paths", "base-directory", "exclude-paths", "enable-symlinks", "s3-prefix", "secondary-artifacts");
  static final List<String> BATCH_TYPES = List.of("build-list", "build-graph", "build-matrix", "build-fanout");
  static final List<String> BATCH_KEYS = List.of("fast-fail", "build-list", "build-graph", "build-matrix", "build-fanout");
  static final List<String> TASK_KEYS = List.of("identifier", "buildspec", "debug-session", "depend-on", "ignore-failure", "env");
  static final List<String> TASK_ENV_KEYS = List.of("compute-type", "fleet", "image", "type", "privileged-mode", "variables");
  static final List<String> MATRIX_STATIC_ENV_KEYS = List.of("compute-type", "fleet", "image", "type", "privileged-mode");
  static final List<String> MATRIX_DYNAMIC_ENV_KEYS = List.of("compute-type", "image", "variables");
  static final List<String> CACHE_KEYS = List.of("paths", "key", "fallback-keys", "action");
  static final List<String> REPORT_KEYS = List.of("files", "base-directory", "discard-paths", "file-format");
  static final List<String> REPORT_FORMATS =
      List.of("JUNITXML", "CUCUMBERJSON", "NUNITXML", "NUNIT3XML", "TESTNGXML", "VISUALSTUDIOTRX",
          "CLOVERXML", "COBERTURAXML", "JACOCOXML", "SIMPLECOV");

  /** What a valid buildspec holds, for the one-line summary. */
  public record Result(List<Diagnostic> diagnostics, String batchType, int builds) {
    public boolean valid() {
      return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public String summary() {
      return batchType == null ? "single build (no batch section)" : batchType + " with " + builds + (builds == 1 ? " build" : " builds");
    }
  }

  private final Diagnostics d;
  private String batchType;
  private int builds;

  private BuildspecValidator(Diagnostics d) {
    this.d = d;
  }

  public static Result check(Path file, String displayName) {
    Diagnostics d = new Diagnostics(displayName);
    BuildspecValidator v = new BuildspecValidator(d);
    SafeYaml.read(file, d, false).ifPresent(v::root);
    return new Result(d.list(), v.batchType, v.builds);
  }

  public static Result check(String text, String displayName) {
    Diagnostics d = new Diagnostics(displayName);
    BuildspecValidator v = new BuildspecValidator(d);
    SafeYaml.parse(text, d, false).ifPresent(v::root);
    return new Result(d.list(), v.batchType, v.builds);
  }

  static List<Diagnostic> validate(String text, String displayName) {
    return check(text, displayName).diagnostics();
  }

  private void root(Node node) {
    if (!(node instanceof MappingNode mapping)) {
      d.error(node, "a buildspec must be a mapping with version:, phases: and so on, found " + YamlValues.describe(node));
      return;
    }
    YamlMap top = YamlMap.of(mapping, "", d);
    top.warnUnknown(TOP_KEYS, d);
    boolean batch = top.has("batch");
    version(top, batch);
    top.value("run-as").ifPresent(n -> YamlValues.text(n, "run-as", d));
    top.value("env").flatMap(n -> YamlValues.mapping(n, "env", d)).ifPresent(this::env);
    top.value("proxy").flatMap(n -> YamlValues.mapping(n, "proxy", d)).ifPresent(n -> {
      YamlMap proxy = YamlMap.of(n, "proxy", d);
      proxy.rejectUnknown(List.of("upload-artifacts", "logs"), d);
      proxy.keys().forEach(k -> YamlValues.bool(proxy.value(k).get(), proxy.child(k), d));
    });
    if (top.has("phases")) {
      YamlValues.mapping(top.value("phases").get(), "phases", d).ifPresent(this::phases);
    } else {
      d.error(mapping, "missing required key 'phases' (install, pre_build, build, post_build with their commands)");
    }
    top.value("artifacts").flatMap(n -> YamlValues.mapping(n, "artifacts", d)).ifPresent(n -> artifacts(YamlMap.of(n, "artifacts", d), true));
    top.value("cache").flatMap(n -> YamlValues.mapping(n, "cache", d)).ifPresent(this::cache);
    top.value("reports").flatMap(n -> YamlValues.mapping(n, "reports", d)).ifPresent(this::reports);
    top.value("batch").flatMap(n -> YamlValues.mapping(n, "batch", d)).ifPresent(this::batch);
  }

  private void version(YamlMap top, boolean batch) {
    Optional<Node> node = top.value("version");
    if (node.isEmpty()) {
      d.error(top.node(), "missing required key 'version'; start the file with 'version: 0.2'");
      return;
    }
    Node v = node.get();
    if (!(v instanceof ScalarNode scalar) || YamlValues.isNull(v)) {
      d.error(v, "'version' must be the number 0.2, found " + YamlValues.describe(v));
      return;
    }
    String text = scalar.getValue();
    boolean number = v.getTag().equals(Tag.FLOAT) || v.getTag().equals(Tag.INT);
    if (!number) {
      if (text.equals("0.2") || text.equals("0.1")) {
        String message = "'version' must be the number " + text + ", not the string \"" + text + "\"; remove the quotes";
        if (batch) {
          d.error(v, message + " (CodeBuild fails batch builds with a quoted version)");
        } else {
          d.warning(v, message);
        }
      } else {
        d.error(v, "'version' must be 0.2, found '" + text + "'");
      }
      return;
    }
    if (text.equals("0.1")) {
      d.warning(v, "version 0.1 runs each command in its own shell; use 0.2");
    } else if (!text.equals("0.2")) {
      d.error(v, "'version' must be 0.2, found " + text);
    }
  }

  private void env(MappingNode node) {
    YamlMap env = YamlMap.of(node, "env", d);
    env.rejectUnknown(ENV_KEYS, d);
    env.value("shell").flatMap(n -> YamlValues.text(n, "env.shell", d)).ifPresent(shell -> {
      if (!CodeBuildModel.SHELLS.contains(shell)) {
        d.error(env.value("shell").get(), "unknown shell '" + shell + "'; valid: " + String.join(", ", CodeBuildModel.SHELLS));
      }
    });
    env.value("variables").flatMap(n -> YamlValues.mapping(n, "env.variables", d)).ifPresent(n -> variables(n, "env.variables"));
    for (String key : List.of("parameter-store", "secrets-manager")) {
      env.value(key).flatMap(n -> YamlValues.mapping(n, env.child(key), d)).ifPresent(n -> variables(n, env.child(key)));
    }
    env.value("exported-variables").flatMap(n -> YamlValues.scalarList(n, "env.exported-variables", d)).ifPresent(items -> {
      for (ScalarNode item : items) {
        if (item.getValue().startsWith("AWS_")) {
          d.error(item, "exported variable '" + item.getValue() + "' starts with AWS_, which CodeBuild does not export; rename it");
        }
      }
    });
    env.value("git-credential-helper").ifPresent(n -> YamlValues.bool(n, "env.git-credential-helper", d));
  }

  private void variables(MappingNode node, String path) {
    YamlMap vars = YamlMap.of(node, path, d);
    for (String name : vars.keys()) {
      Node key = vars.keyNode(name).get();
      if (name.startsWith(CodeBuildModel.RESERVED_ENV_PREFIX)) {
        d.error(key, "'" + name + "' in '" + path + "' is reserved: CodeBuild sets CODEBUILD_* variables itself; choose another name");
      } else if (!Names.ENV_NAME.matcher(name).matches()) {
        d.error(key, "'" + name + "' in '" + path + "' is not a valid environment variable name");
      }
      Node value = vars.value(name).get();
      if (!(value instanceof ScalarNode)) {
        d.error(value, "'" + vars.child(name) + "' must be a string, found " + YamlValues.describe(value));
      }
    }
  }

  private void phases(MappingNode node) {
    YamlMap phases = YamlMap.of(node, "phases", d);
    phases.rejectUnknown(CodeBuildModel.PHASES, d);
    for (String name : CodeBuildModel.PHASES) {
      phases.value(name).ifPresent(n -> phase(name, n));
    }
  }

  private void phase(String name, Node node) {
    String path = "phases." + name;
    if (YamlValues.isNull(node)) {
      d.error(node, "'" + path + "' is empty; give it commands or remove it");
      return;
    }
    Optional<MappingNode> mapping = YamlValues.mapping(node, path, d);
    if (mapping.isEmpty()) {
      return;
    }
    YamlMap phase = YamlMap.of(mapping.get(), path, d);
    phase.rejectUnknown(PHASE_KEYS, d);
    if (phase.has("runtime-versions") && !name.equals("install")) {
      d.error(phase.keyNode("runtime-versions").get(), "'runtime-versions' is only allowed in the install phase; move it to phases.install");
    }
    phase.value("runtime-versions").flatMap(n -> YamlValues.mapping(n, path + ".runtime-versions", d)).ifPresent(n -> {
      YamlMap runtimes = YamlMap.of(n, path + ".runtime-versions", d);
      runtimes.keys().forEach(k -> YamlValues.text(runtimes.value(k).get(), runtimes.child(k), d));
    });
    boolean needsCommands = !name.equals("install") || !phase.has("runtime-versions");
    if (phase.has("commands")) {
      commands(phase.value("commands").get(), path + ".commands");
    } else if (needsCommands) {
      d.error(mapping.get(), "'" + path + "' needs 'commands' (a list of shell commands)");
    }
    phase.value("finally").ifPresent(n -> commands(n, path + ".finally"));
    phase.value("run-as").ifPresent(n -> YamlValues.text(n, path + ".run-as", d));
    phase.value("on-failure").flatMap(n -> YamlValues.text(n, path + ".on-failure", d)).ifPresent(value -> {
      if (!CodeBuildModel.ON_FAILURE.matcher(value).matches()) {
        d.error(phase.value("on-failure").get(), "'" + path + ".on-failure' must be ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>, found '" + value + "'"
            + Suggestions.didYouMean(value, List.of("ABORT", "CONTINUE", "RETRY")));
      }
    });
  }

  private void commands(Node node, String path) {
    YamlValues.scalarList(node, path, d).ifPresent(items -> {
      if (items.isEmpty()) {
        d.error(node, "'" + path + "' is an empty list; give at least one command");
      }
      for (ScalarNode item : items) {
        if (item.getValue().isBlank()) {
          d.error(item, "empty command in '" + path + "'");
        }
      }
    });
  }

  private void artifacts(YamlMap artifacts, boolean primary) {
    artifacts.rejectUnknown(primary ? ARTIFACT_KEYS : ARTIFACT_KEYS.subList(0, ARTIFACT_KEYS.size() - 1), d);
    if (!artifacts.has("files")) {
      d.error(artifacts.node(), "'" + artifacts.child("files") + "' is required: the paths or globs to upload, e.g. files: ['**/*']");
    } else {
      globs(artifacts.value("files").get(), artifacts.child("files"));
    }
    for (String flag : List.of("discard-paths", "enable-symlinks")) {
      artifacts.value(flag).ifPresent(n -> YamlValues.bool(n, artifacts.child(flag), d));
    }
    for (String text : List.of("name", "base-directory", "s3-prefix")) {
      artifacts.value(text).ifPresent(n -> YamlValues.text(n, artifacts.child(text), d));
    }
    artifacts.value("exclude-paths").ifPresent(n -> globs(n, artifacts.child("exclude-paths")));
    artifacts.value("secondary-artifacts").flatMap(n -> YamlValues.mapping(n, artifacts.child("secondary-artifacts"), d)).ifPresent(n -> {
      YamlMap secondary = YamlMap.of(n, artifacts.child("secondary-artifacts"), d);
      for (String id : secondary.keys()) {
        if (!CodeBuildModel.IDENTIFIER.matcher(id).matches()) {
          d.error(secondary.keyNode(id).get(), "artifact identifier '" + id + "' must use only letters, digits and '_'");
        }
        YamlValues.mapping(secondary.value(id).get(), secondary.child(id), d)
            .ifPresent(m -> artifacts(YamlMap.of(m, secondary.child(id), d), false));
      }
    });
  }

  /** A glob or a list of globs. */
  private void globs(Node node, String path) {
    if (node instanceof ScalarNode && !YamlValues.isNull(node)) {
      return;
    }
    YamlValues.scalarList(node, path, d).ifPresent(items -> {
      if (items.isEmpty()) {
        d.error(node, "'" + path + "' is an empty list; give at least one path or glob");
      }
    });
  }

  private void cache(MappingNode node) {
    YamlMap cache = YamlMap.of(node, "cache", d);
    cache.rejectUnknown(CACHE_KEYS, d);
    if (!cache.has("paths")) {
      d.error(node, "'cache.paths' is required: the paths to cache");
    } else {
      globs(cache.value("paths").get(), "cache.paths");
    }
    cache.value("key").ifPresent(n -> YamlValues.text(n, "cache.key", d));
    cache.value("fallback-keys").flatMap(n -> YamlValues.scalarList(n, "cache.fallback-keys", d)).ifPresent(keys -> {
      if (keys.size() > 5) {
        d.error(cache.value("fallback-keys").get(), "'cache.fallback-keys' holds " + keys.size() + " keys; CodeBuild allows at most 5");
      }
    });
    cache.value("action").flatMap(n -> YamlValues.text(n, "cache.action", d)).ifPresent(action -> {
      if (!action.equals("restore") && !action.equals("save")) {
        d.error(cache.value("action").get(), "'cache.action' must be restore or save, found '" + action + "'");
      }
    });
  }

  private void reports(MappingNode node) {
    YamlMap reports = YamlMap.of(node, "reports", d);
    for (String group : reports.keys()) {
      YamlValues.mapping(reports.value(group).get(), reports.child(group), d).ifPresent(m -> {
        YamlMap report = YamlMap.of(m, reports.child(group), d);
        report.rejectUnknown(REPORT_KEYS, d);
        if (!report.has("files")) {
          d.error(m, "'" + report.child("files") + "' is required: the report files or globs");
        } else {
          globs(report.value("files").get(), report.child("files"));
        }
        report.value("discard-paths").ifPresent(n -> YamlValues.bool(n, report.child("discard-paths"), d));
        report.value("file-format").flatMap(n -> YamlValues.text(n, report.child("file-format"), d)).ifPresent(f -> {
          if (!REPORT_FORMATS.contains(f.toUpperCase(java.util.Locale.ROOT))) {
            d.error(report.value("file-format").get(), "unknown report file-format '" + f + "'" + Suggestions.didYouMean(f.toUpperCase(java.util.Locale.ROOT), REPORT_FORMATS));
          }
        });
      });
    }
  }

  // ---- batch -----------------------------------------------------------------------------

  private void batch(MappingNode node) {
    YamlMap batch = YamlMap.of(node, "batch", d);
    batch.rejectUnknown(BATCH_KEYS, d);
    batch.value("fast-fail").ifPresent(n -> YamlValues.bool(n, "batch.fast-fail", d));
    List<String> types = BATCH_TYPES.stream().filter(batch::has).toList();
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
      task.rejectUnknown(TASK_KEYS, d);
      String id = identifier(task, identifiers);
      taskOptions(task);
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
      task.value("env").flatMap(n -> YamlValues.mapping(n, task.child("env"), d)).ifPresent(n -> taskEnv(YamlMap.of(n, task.child("env"), d), TASK_ENV_KEYS));
    }
    builds = sequence.getValue().size();
    if (graph) {
      checkDependencies(identifiers, dependsOn);
    }
  }

  private String identifier(YamlMap task, Map<String, ScalarNode> identifiers) {
    if (!task.has("identifier")) {
      if (!task.misspells("identifier", TASK_KEYS)) {
        d.error(task.node(), "'" + task.child("identifier") + "' is required (letters, digits and '_', e.g. linux_amd64)");
      }
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
    env.rejectUnknown(keys, d);
    if (env.has("compute-type") && env.has("fleet")) {
      d.error(env.keyNode("fleet").get(), "'" + env.child("fleet") + "' cannot be combined with compute-type in the same build; keep one");
    }
    env.value("compute-type").ifPresent(n -> enumValue(n, env.child("compute-type"), CodeBuildModel.COMPUTE_TYPES, "compute type"));
    env.value("type").ifPresent(n -> enumValue(n, env.child("type"), CodeBuildModel.ENVIRONMENT_TYPES, "environment type"));
    env.value("privileged-mode").ifPresent(n -> YamlValues.bool(n, env.child("privileged-mode"), d));
    env.value("image").ifPresent(n -> YamlValues.text(n, env.child("image"), d));
    env.value("fleet").ifPresent(n -> YamlValues.text(n, env.child("fleet"), d));
    env.value("variables").flatMap(n -> YamlValues.mapping(n, env.child("variables"), d)).ifPresent(n -> variables(n, env.child("variables")));
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
    Map<String, Integer> state = new HashMap<>();
    for (String id : identifiers.keySet()) {
      List<String> cycle = findCycle(id, edges, state, new ArrayList<>());
      if (cycle != null) {
        String start = cycle.get(0);
        d.error(identifiers.get(start), "build-graph has a cycle: " + String.join(" -> ", cycle) + "; remove one of these depend-on entries");
        return;
      }
    }
  }

  /** Depth-first search; state 1 = on the current path, 2 = done. Returns the cycle, first node repeated at the end. */
  private static List<String> findCycle(String id, Map<String, List<String>> edges, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(id);
    if (s != null && s == 2) {
      return null;
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      return cycle;
    }
    state.put(id, 1);
    path.add(id);
    for (String next : edges.getOrDefault(id, List.of())) {
      List<String> cycle = findCycle(next, edges, state, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(id, 2);
    return null;
  }

  private void matrix(MappingNode node) {
    YamlMap matrix = YamlMap.of(node, "batch.build-matrix", d);
    matrix.rejectUnknown(List.of("static", "dynamic"), d);
    matrix.value("static").flatMap(n -> YamlValues.mapping(n, "batch.build-matrix.static", d)).ifPresent(n -> {
      YamlMap stat = YamlMap.of(n, "batch.build-matrix.static", d);
      stat.rejectUnknown(List.of("ignore-failure", "env"), d);
      stat.value("ignore-failure").ifPresent(v -> YamlValues.bool(v, stat.child("ignore-failure"), d));
      stat.value("env").flatMap(v -> YamlValues.mapping(v, stat.child("env"), d)).ifPresent(v -> taskEnv(YamlMap.of(v, stat.child("env"), d), MATRIX_STATIC_ENV_KEYS));
    });
    if (!matrix.has("dynamic")) {
      d.error(node, "'batch.build-matrix' needs 'dynamic' with at least one axis (buildspec, env.image, env.compute-type or env.variables)");
      return;
    }
    YamlValues.mapping(matrix.value("dynamic").get(), "batch.build-matrix.dynamic", d).ifPresent(n -> {
      YamlMap dynamic = YamlMap.of(n, "batch.build-matrix.dynamic", d);
      dynamic.rejectUnknown(List.of("buildspec", "env"), d);
      List<Integer> axes = new ArrayList<>();
      dynamic.value("buildspec").flatMap(v -> axis(v, dynamic.child("buildspec"))).ifPresent(axes::add);
      dynamic.value("env").flatMap(v -> YamlValues.mapping(v, dynamic.child("env"), d)).ifPresent(v -> {
        YamlMap env = YamlMap.of(v, dynamic.child("env"), d);
        env.rejectUnknown(MATRIX_DYNAMIC_ENV_KEYS, d);
        env.value("image").flatMap(x -> axis(x, env.child("image"))).ifPresent(axes::add);
        env.value("compute-type").flatMap(x -> axis(x, env.child("compute-type"))).ifPresent(size -> {
          axes.add(size);
          YamlValues.scalarList(env.value("compute-type").get(), env.child("compute-type"), d).orElse(List.of())
              .forEach(item -> enumValue(item, env.child("compute-type"), CodeBuildModel.COMPUTE_TYPES, "compute type"));
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
    fanout.rejectUnknown(List.of("parallelism", "ignore-failure"), d);
    fanout.value("ignore-failure").ifPresent(n -> YamlValues.bool(n, fanout.child("ignore-failure"), d));
    if (!fanout.has("parallelism")) {
      d.error(node, "'batch.build-fanout.parallelism' is required: how many builds to run");
      return;
    }
    builds = YamlValues.integer(fanout.value("parallelism").get(), "batch.build-fanout.parallelism", 1, 100_000, d).orElse(0);
  }
}
