package dev.crossbatch.core.buildspec;

import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.config.BatchMode;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.PlatformOverride;
import dev.crossbatch.core.config.PlatformSettings;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.platform.Variant;
import dev.crossbatch.core.yaml.Diagnostic;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.InvalidFileException;
import dev.crossbatch.core.yaml.Nodes;
import dev.crossbatch.core.yaml.SafeYaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Renders the config's preset into {@code buildspecs/buildspec.yml}: tokens filled, env added, and
 * the batch section holding one build per platform. In graph mode it also writes
 * {@code buildspecs/test.yml}, the buildspec of the test task every platform depends on.
 */
public final class BuildspecGenerator {
  public static final String BUILDSPEC = Layout.BUILDSPEC;
  public static final String TEST_BUILDSPEC = Layout.TEST_BUILDSPEC;
  public static final String TEST_IDENTIFIER = "test";

  private BuildspecGenerator() {}

  public static List<GeneratedFile> generate(ProjectConfig config) {
    List<GeneratedFile> files = new ArrayList<>();
    files.add(new GeneratedFile(BUILDSPEC, emit(config, enterSourceFolder(render(config, batch(config)), config.sourceFolder()), "")));
    if (config.codebuild().batchMode() == BatchMode.GRAPH) {
      MappingNode test = render(config, null);
      Nodes.remove(test, "batch");
      Nodes.remove(test, "artifacts");
      MappingNode phases = Nodes.child(test, "phases");
      Nodes.put(Nodes.child(phases, "build"), "commands", Nodes.strings(config.testCommands()));
      Nodes.clearComments(phases, "build");
      if (config.preset().isBuiltIn()) {
        Nodes.remove(phases, "post_build"); // it empties the archive folder, which the test task has none of
      }
      files.add(new GeneratedFile(TEST_BUILDSPEC,
          emit(config, enterSourceFolder(test, config.sourceFolder()), ": the 'test' task of the build graph, run before every platform build")));
    }
    return files;
  }

  private static MappingNode render(ProjectConfig config, Node batch) {
    Diagnostics presetProblems = new Diagnostics(presetName(config));
    MappingNode root = Presets.load(config.preset(), presetProblems);
    Map<String, Object> values = values(config);
    values.put("batch", batch);
    Presets.render(root, values, presetProblems);
    presetProblems.throwIfErrors();
    if (Nodes.get(root, "batch").isEmpty() && batch != null) {
      Nodes.put(root, "batch", batch);
    }
    MappingNode variables = Nodes.child(Nodes.child(root, "env"), "variables");
    config.env().forEach((name, value) -> Nodes.put(variables, name, Nodes.string(value)));
    return root;
  }

  /**
   * CodeBuild starts every build at the repository's root; a config in a subfolder builds there:
   * each phase first enters it (an absolute path, so a phase's own {@code cd} cannot lead the next
   * one astray), and the zip's files are found relative to it.
   */
  private static MappingNode enterSourceFolder(MappingNode root, String folder) {
    if (folder.isEmpty()) {
      return root;
    }
    String enter = "cd \"${CODEBUILD_SRC_DIR}/" + folder + "\"";
    Nodes.getMapping(root, "phases").ifPresent(phases -> {
      for (NodeTuple phase : phases.getValue()) {
        if (phase.getValueNode() instanceof MappingNode p && Nodes.get(p, "commands").orElse(null) instanceof SequenceNode commands) {
          commands.getValue().add(0, Nodes.string(enter));
        }
      }
    });
    Nodes.getMapping(root, "artifacts").ifPresent(artifacts -> {
      String base = Nodes.get(artifacts, "base-directory").filter(n -> n instanceof ScalarNode).map(n -> ((ScalarNode) n).getValue()).orElse("");
      Nodes.put(artifacts, "base-directory", Nodes.string(base.isEmpty() ? folder : folder + "/" + base));
    });
    return root;
  }

  private static String presetName(ProjectConfig config) {
    return config.preset().isBuiltIn() ? Presets.builtInPath(config.preset().name()) + " (built-in preset)" : config.preset().name();
  }

  /** Every token a preset may use. Absent values (null) remove their line. */
  static Map<String, Object> values(ProjectConfig config) {
    Set<Variant> variants = config.variants();
    Map<String, Object> values = new HashMap<>();
    values.put("name", config.name());
    values.put("main", config.main());
    values.put("go", config.goVersion());
    values.put("flags", String.join(" ", config.flags()));
    values.put("ldflags", config.ldflags().render(p -> ArtifactName.shellValue(p, config.name(), variants)));
    boolean zipped = config.archive().zippedByCodeBuild();
    // a build that makes its own archive uploads it unpackaged, into a folder of the archive's name (CodeBuild reports that folder)
    values.put("artifact", zipped ? config.artifact().shellExpression(config.name(), variants) : config.artifact().shellBaseName(config.name(), variants));
    values.put("go_build", ArchiveCommands.goBuilds(config, variants));
    values.put("archive_files", ArchiveCommands.copyFiles(config.archive()));
    values.put("archive_folder", ArchiveCommands.FOLDER);
    values.put("archive_pack", ArchiveCommands.pack(config, variants));
    values.put("upload_folder", ArchiveCommands.uploadFolder(config));
    // GOOS, GOARCH, the variant, cgo and the Go line: builds that could not use each other's entries never share a cache
    String cacheKey = "go-${GOOS}-${GOARCH}" + ArtifactName.shellValue("variant", config.name(), variants) + "-cgo${CGO_ENABLED}-go" + config.goVersion() + "-";
    values.put("cache_fallback", cacheKey);
    values.put("cache_key", cacheKey + "$(codebuild-hash-files " + config.fromRepositoryRoot("go.mod") + ")");
    values.put("commands", config.buildCommands());
    values.put("output", config.buildOutput());
    values.put("batch", null);
    return values;
  }

  /** The {@code batch} section: build-list, build-matrix or build-graph. */
  static MappingNode batch(ProjectConfig config) {
    MappingNode batch = Nodes.mapping();
    Nodes.put(batch, "fast-fail", Nodes.bool(config.codebuild().fastFail()));
    switch (config.codebuild().batchMode()) {
      case LIST -> Nodes.put(batch, "build-list", Nodes.sequence(config.platforms().stream().map(p -> (Node) task(config, p, false)).toList()));
      case GRAPH -> {
        List<Node> tasks = new ArrayList<>();
        MappingNode test = Nodes.mapping();
        Nodes.put(test, "identifier", Nodes.string(TEST_IDENTIFIER));
        Nodes.put(test, "buildspec", Nodes.string(config.fromRepositoryRoot(TEST_BUILDSPEC)));
        tasks.add(test);
        config.platforms().forEach(p -> tasks.add(task(config, p, true)));
        Nodes.put(batch, "build-graph", Nodes.sequence(tasks));
      }
      case MATRIX -> {
        Set<String> oses = new LinkedHashSet<>();
        Set<String> arches = new LinkedHashSet<>();
        config.platforms().forEach(p -> {
          oses.add(p.os());
          arches.add(p.arch());
        });
        MappingNode variables = Nodes.mapping();
        Nodes.put(variables, "GOOS", Nodes.strings(List.copyOf(oses)));
        Nodes.put(variables, "GOARCH", Nodes.strings(List.copyOf(arches)));
        MappingNode env = Nodes.mapping();
        Nodes.put(env, "variables", variables);
        MappingNode dynamic = Nodes.mapping();
        Nodes.put(dynamic, "env", env);
        MappingNode matrix = Nodes.mapping();
        Nodes.put(matrix, "dynamic", dynamic);
        Nodes.put(batch, "build-matrix", matrix);
      }
    }
    return batch;
  }

  /** One platform's batch entry: its GOOS/GOARCH, and what its overrides set (variables, CodeBuild environment). */
  private static MappingNode task(ProjectConfig config, Platform platform, boolean afterTest) {
    MappingNode task = Nodes.mapping();
    Nodes.put(task, "identifier", Nodes.string(platform.identifier()));
    if (afterTest) {
      Nodes.put(task, "depend-on", Nodes.strings(List.of(TEST_IDENTIFIER)));
    }
    PlatformSettings settings = config.settings(platform);
    MappingNode env = Nodes.mapping();
    PlatformOverride.TaskEnvironment codebuild = settings.codebuild();
    putIfSet(env, "type", codebuild.type());
    putIfSet(env, "image", codebuild.image());
    putIfSet(env, "compute-type", codebuild.computeType());
    putIfSet(env, "fleet", codebuild.fleet());
    MappingNode variables = Nodes.mapping();
    platform.goEnv().forEach((k, v) -> Nodes.put(variables, k, Nodes.string(v)));
    settings.env().forEach((k, v) -> Nodes.put(variables, k, Nodes.string(v)));
    Nodes.put(env, "variables", variables);
    Nodes.put(task, "env", env);
    return task;
  }

  private static void putIfSet(MappingNode map, String key, String value) {
    if (value != null) {
      Nodes.put(map, key, Nodes.string(value));
    }
  }

  private static String emit(ProjectConfig config, MappingNode root, String what) {
    Nodes.put(root, "version", Nodes.number("0.2"));
    Nodes.setHeader(root, List.of(
        "Generated by crossbatch from " + config.file().getFileName() + " (preset: " + config.preset().name() + ")" + what + ".",
        "Do not edit: change crossbatch.yml, then run `crossbatch generate`.",
        ""));
    String text = SafeYaml.emit(root);
    // a custom preset can still produce an invalid buildspec: never write one
    String source = config.preset().isBuiltIn() ? "" : " from preset " + config.preset().name();
    List<Diagnostic> problems = BuildspecValidator.validate(text, BUILDSPEC + " (generated" + source + ")").stream().filter(Diagnostic::isError).toList();
    if (!problems.isEmpty()) {
      throw new InvalidFileException(problems);
    }
    return text;
  }
}
