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
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
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
  /** The env keys, and one that real batch buildspecs carry without effect (said on its own). */
  static final List<String> ENV_KEYS_TOLERATED =
      List.of("shell", "variables", "parameter-store", "secrets-manager", "exported-variables", "git-credential-helper", "compute-type");
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

  private final OutputSections outputs;

  private BuildspecValidator(Diagnostics d) {
    this.d = d;
    this.outputs = new OutputSections(d);
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
    List<String> runningThisFile = new ArrayList<>();
    top.value("batch").flatMap(n -> YamlValues.mapping(n, "batch", d)).ifPresent(n -> {
      BatchSectionValidator section = new BatchSectionValidator(d);
      section.batch(n);
      batchType = section.batchType();
      builds = section.builds();
      runningThisFile.addAll(section.runningThisFile());
    });
    if (top.has("phases")) {
      YamlValues.mapping(top.value("phases").get(), "phases", d).ifPresent(this::phases);
    } else if (!batch) {
      d.error(mapping, "missing required key 'phases' (install, pre_build, build, post_build with their commands)");
    } else if (!runningThisFile.isEmpty()) {
      // a batch-only buildspec (every task names its own file) needs none; CodeBuild's handling of a task left without is not documented
      boolean one = runningThisFile.size() == 1 && !runningThisFile.get(0).startsWith("every ");
      d.warning(mapping, "no 'phases', yet " + describe(runningThisFile) + (one ? " runs" : " run") + " this file and so no commands; give "
          + (one ? "it a 'buildspec:' of its own" : "them a 'buildspec:' of their own") + " or add phases");
    }
    top.value("artifacts").flatMap(n -> YamlValues.mapping(n, "artifacts", d)).ifPresent(n -> outputs.artifacts(YamlMap.of(n, "artifacts", d), true));
    top.value("cache").flatMap(n -> YamlValues.mapping(n, "cache", d)).ifPresent(outputs::cache);
    top.value("reports").flatMap(n -> YamlValues.mapping(n, "reports", d)).ifPresent(outputs::reports);
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

  private static String describe(List<String> builds) {
    return builds.size() == 1 ? (builds.get(0).startsWith("every ") ? builds.get(0) + "s" : "build '" + builds.get(0) + "'")
        : "builds " + String.join(", ", builds.stream().map(b -> "'" + b + "'").toList());
  }

  private void env(MappingNode node) {
    YamlMap env = YamlMap.of(node, "env", d);
    env.keyNode("compute-type").ifPresent(k -> d.warning(k, "'env.compute-type' has no effect in a buildspec's env (CodeBuild accepts it):"
        + " a build's compute type is the project's, or a batch task's 'env.compute-type'"));
    env.warnUnknown(ENV_KEYS_TOLERATED, d);
    env.value("shell").flatMap(n -> YamlValues.text(n, "env.shell", d)).ifPresent(shell -> {
      if (!CodeBuildModel.SHELLS.contains(shell)) {
        d.error(env.value("shell").get(), "unknown shell '" + shell + "'; valid: " + String.join(", ", CodeBuildModel.SHELLS));
      }
    });
    env.value("variables").flatMap(n -> YamlValues.mapping(n, "env.variables", d)).ifPresent(n -> variables(n, "env.variables", d));
    for (String key : List.of("parameter-store", "secrets-manager")) {
      env.value(key).flatMap(n -> YamlValues.mapping(n, env.child(key), d)).ifPresent(n -> variables(n, env.child(key), d));
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

  /** A buildspec's {@code variables}: names a shell can read, none reserved by CodeBuild, string values. */
  static void variables(MappingNode node, String path, Diagnostics d) {
    YamlMap vars = YamlMap.of(node, path, d);
    for (String name : vars.keys()) {
      Node key = vars.keyNode(name).get();
      if (name.startsWith(CodeBuildModel.RESERVED_ENV_PREFIX)) {
        d.error(key, "'" + name + "' in '" + path + "' is reserved: CodeBuild sets CODEBUILD_* variables itself; choose another name");
      } else if (!Names.ENV_NAME.matcher(name).matches()) {
        // CodeBuild passes such names to the build (real buildspecs rely on it), and a shell cannot read them
        d.warning(key, "'" + name + "' in '" + path + "' is not a name a shell can read ($" + name + " does not work);"
            + " tools that read the environment themselves still see it. Use letters, digits and '_'");
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
}
