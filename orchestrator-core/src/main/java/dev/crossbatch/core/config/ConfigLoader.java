package dev.crossbatch.core.config;

import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.platform.KnownPlatforms.UnknownPlatformException;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.platform.Variant;
import dev.crossbatch.core.spec.CodeBuildModel;
import dev.crossbatch.core.text.PlaceholderTemplate;
import dev.crossbatch.core.text.PlaceholderTemplate.TemplateException;
import dev.crossbatch.core.text.Suggestions;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.SafeYaml;
import dev.crossbatch.core.yaml.YamlMap;
import dev.crossbatch.core.yaml.YamlValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code crossbatch.yml} through the YAML node API so that every problem is reported with
 * its line and column, all of them at once.
 */
public final class ConfigLoader {
  public static final String FILE_NAME = "crossbatch.yml";

  static final List<String> TOP_KEYS =
      List.of(
          "name", "main", "go", "platforms", "ldflags", "flags", "env", "artifact", "preset",
          "build", "test", "timeout-minutes", "codebuild", "local");
  static final List<String> CODEBUILD_KEYS =
      List.of(
          "project", "region", "bucket", "prefix", "compute-type", "image", "max-builds",
          "fast-fail", "batch-mode", "source");
  static final List<String> LOCAL_KEYS = List.of("parallelism", "output");
  static final List<String> BUILD_KEYS = List.of("commands", "output");
  static final List<String> MATRIX_KEYS = List.of("os", "arch", "variants", "exclude", "include");

  public static final String DEFAULT_LDFLAGS = "-s -w -X main.version={version} -X main.commit={commit}";
  public static final List<String> DEFAULT_FLAGS = List.of("-trimpath");
  public static final List<String> DEFAULT_GO_TESTS = List.of("go vet ./...", "go test ./...");
  public static final String DEFAULT_GO_VERSION = "1.x";
  public static final int DEFAULT_TIMEOUT_MINUTES = 60;

  static final Set<String> LDFLAGS_PLACEHOLDERS = Set.of("name", "os", "arch", "version", "commit", "commit7");
  private static final Pattern LDFLAGS_LITERAL = Pattern.compile("[A-Za-z0-9 ._=/:,+@%-]");
  private static final String LDFLAGS_HINT =
      " in ldflags: it would reach the shell; use letters, digits, spaces and . _ = / : , + @ % - with {version}/{commit} placeholders";

  private ConfigLoader() {}

  /** Loads and validates a config; throws {@code InvalidFileException} with every error found. */
  public static ProjectConfig load(Path file, String displayName) {
    Diagnostics d = new Diagnostics(displayName);
    return read(SafeYaml.read(file, d, false), file, d);
  }

  /** Validates config text as if it were at {@code file} (relative preset paths resolve from there). */
  public static ProjectConfig parse(String text, Path file, String displayName) {
    Diagnostics d = new Diagnostics(displayName);
    return read(SafeYaml.parse(text, d, false), file, d);
  }

  private static ProjectConfig read(Optional<Node> root, Path file, Diagnostics d) {
    if (root.isEmpty()) {
      d.throwIfErrors();
    }
    ProjectConfig config = new Reader(file, d).read(root.get());
    d.throwIfErrors();
    return config;
  }

  /** Walks one document; holds the diagnostics and the nodes needed for cross-field checks. */
  private static final class Reader {
    private final Path file;
    private final Diagnostics d;
    private Node platformsNode;
    private boolean platformsFromMatrix;

    Reader(Path file, Diagnostics d) {
      this.file = file;
      this.d = d;
    }

    ProjectConfig read(Node root) {
      if (!(root instanceof MappingNode rootMap)) {
        d.error(root, FILE_NAME + " must be a mapping of keys such as 'name:' and 'platforms:', found " + YamlValues.describe(root));
        return null;
      }
      YamlMap top = YamlMap.of(rootMap, "", d);
      top.rejectUnknown(TOP_KEYS, d);

      String name = required(top, "name", "the binary name, e.g. 'name: hello'")
          .filter(n -> checked(top.value("name").get(), Names.checkBinary(n)))
          .orElse(null);
      String main = optionalText(top, "main").orElse(".");
      top.value("main").ifPresent(n -> checked(n, Names.checkGoPackage(main)));
      String go = optionalText(top, "go").orElse(DEFAULT_GO_VERSION);
      top.value("go").ifPresent(n -> {
        if (!Names.GO_VERSION.matcher(go).matches()) {
          d.error(n, "'go' must be a Go version such as \"1.22\", \"1.x\" or \"latest\", found '" + go + "'");
        }
      });

      List<Platform> platforms = readPlatforms(top);
      PlaceholderTemplate ldflags = readLdflags(top);
      List<String> flags = readFlags(top);
      Map<String, String> env = readEnv(top, platforms);
      ArtifactName artifact = readArtifact(top, platforms, name == null ? "NAME" : name);
      Preset preset = readPreset(top);
      List<String> buildCommands = new ArrayList<>();
      String buildOutput = readBuild(top, preset, buildCommands);
      List<String> tests = optionalCommands(top, "test").orElse(preset.isGo() ? DEFAULT_GO_TESTS : List.of());
      int timeout = top.value("timeout-minutes")
          .flatMap(n -> YamlValues.integer(n, "timeout-minutes", 5, 480, d))
          .orElse(DEFAULT_TIMEOUT_MINUTES);
      CodeBuildSettings codebuild = readCodeBuild(top, name, platforms, tests);
      LocalSettings local = readLocal(top);

      if (d.hasErrors()) {
        return null;
      }
      return new ProjectConfig(
          file, name, main, go, platforms, ldflags, flags, env, artifact, preset, buildCommands,
          buildOutput, tests, timeout, codebuild, local);
    }

    private boolean checked(Node node, Optional<String> problem) {
      problem.ifPresent(p -> d.error(node, p));
      return problem.isEmpty();
    }

    private Optional<String> required(YamlMap map, String key, String what) {
      if (!map.has(key)) {
        missing(map, key, what);
        return Optional.empty();
      }
      return YamlValues.text(map.value(key).get(), map.child(key), d);
    }

    /** A missing key, unless an unknown key that is its misspelling was already reported. */
    private void missing(YamlMap map, String key, String what) {
      if (!map.misspells(key, TOP_KEYS)) {
        d.error(map.node(), "missing required key '" + map.child(key) + "' (" + what + ")");
      }
    }

    private Optional<String> optionalText(YamlMap map, String key) {
      return map.value(key).flatMap(n -> YamlValues.text(n, map.child(key), d));
    }

    private Optional<List<String>> optionalCommands(YamlMap map, String key) {
      return map.value(key)
          .flatMap(n -> YamlValues.scalarList(n, map.child(key), d))
          .map(items -> {
            if (items.isEmpty()) {
              d.error(map.value(key).get(), "'" + map.child(key) + "' is an empty list; give at least one command or remove the key");
            }
            return items.stream().map(ScalarNode::getValue).toList();
          });
    }

    // ---- platforms -------------------------------------------------------------------------

    private List<Platform> readPlatforms(YamlMap top) {
      if (!top.has("platforms")) {
        missing(top, "platforms", "a list such as [linux/amd64, darwin/arm64], or os:/arch: lists");
        return List.of();
      }
      platformsNode = top.value("platforms").get();
      if (platformsNode instanceof SequenceNode) {
        return platformList(platformsNode, "platforms");
      }
      if (platformsNode instanceof MappingNode mapping) {
        platformsFromMatrix = true;
        return platformMatrix(YamlMap.of(mapping, "platforms", d));
      }
      d.error(platformsNode, "'platforms' must be a list such as [linux/amd64, darwin/arm64] or a mapping with os: and arch: lists, found " + YamlValues.describe(platformsNode));
      return List.of();
    }

    private List<Platform> platformList(Node node, String path) {
      List<Platform> platforms = new ArrayList<>();
      Optional<List<ScalarNode>> items = YamlValues.scalarList(node, path, d);
      if (items.isEmpty()) {
        return platforms;
      }
      if (items.get().isEmpty()) {
        d.error(node, "'" + path + "' is empty; list at least one platform, e.g. [linux/amd64]");
      }
      Map<Platform, ScalarNode> seen = new HashMap<>();
      for (ScalarNode item : items.get()) {
        parsePlatform(item).ifPresent(p -> {
          ScalarNode first = seen.putIfAbsent(p, item);
          if (first != null) {
            d.error(item, "platform '" + p + "' is listed twice (first on line " + (first.getStartMark().getLine() + 1) + "); remove one");
          } else {
            platforms.add(p);
          }
        });
      }
      return platforms;
    }

    private Optional<Platform> parsePlatform(ScalarNode item) {
      try {
        return Optional.of(KnownPlatforms.parse(item.getValue()));
      } catch (UnknownPlatformException e) {
        d.error(item, e.getMessage());
        return Optional.empty();
      }
    }

    private List<Platform> platformMatrix(YamlMap matrix) {
      matrix.rejectUnknown(MATRIX_KEYS, d);
      List<String> oses = words(matrix, "os", KnownPlatforms.operatingSystems());
      List<String> arches = words(matrix, "arch", KnownPlatforms.architectures());
      if (!matrix.has("os") || !matrix.has("arch")) {
        d.error(matrix.node(), "'platforms' as a mapping needs both 'os' and 'arch' lists, e.g. os: [linux, darwin] and arch: [amd64, arm64]");
        return List.of();
      }
      Map<String, List<String>> variants = readVariants(matrix, arches);
      List<Platform> platforms = new ArrayList<>();
      for (String os : oses) {
        for (String arch : arches) {
          if (!KnownPlatforms.isKnown(os, arch)) {
            d.error(matrix.value("arch").get(), "os × arch gives " + os + "/" + arch + ", which Go does not support; add it to 'platforms.exclude'");
            continue;
          }
          List<String> names = variants.getOrDefault(arch, List.of(""));
          for (String variant : names) {
            platforms.add(new Platform(os, arch, variant));
          }
        }
      }
      matrix.value("exclude").ifPresent(node -> {
        for (ScalarNode item : YamlValues.scalarList(node, "platforms.exclude", d).orElse(List.of())) {
          parsePlatform(item).ifPresent(excluded -> {
            boolean removed = platforms.removeIf(p -> p.equals(excluded) || (!excluded.hasVariant() && p.pair().equals(excluded.pair())));
            if (!removed) {
              d.error(item, "exclude '" + excluded + "' is not in os × arch; remove it");
            }
          });
        }
      });
      matrix.value("include").ifPresent(node -> {
        for (Platform extra : platformList(node, "platforms.include")) {
          if (platforms.contains(extra)) {
            d.error(node, "include '" + extra + "' is already in os × arch; remove it from include");
          } else {
            platforms.add(extra);
          }
        }
      });
      if (platforms.isEmpty() && !d.hasErrors()) {
        d.error(matrix.node(), "'platforms' leaves no platform to build after exclude; remove some exclusions");
      }
      return platforms;
    }

    private List<String> words(YamlMap matrix, String key, Set<String> known) {
      List<String> words = new ArrayList<>();
      matrix.value(key).flatMap(n -> YamlValues.scalarList(n, matrix.child(key), d)).ifPresent(items -> {
        if (items.isEmpty()) {
          d.error(matrix.value(key).get(), "'" + matrix.child(key) + "' is empty; list at least one value");
        }
        for (ScalarNode item : items) {
          String word = item.getValue();
          if (!known.contains(word)) {
            String suggestion = KnownPlatforms.suggestWord(word, known);
            d.error(item, "unknown " + (key.equals("os") ? "GOOS" : "GOARCH") + " '" + word + "'"
                + (suggestion.isEmpty() ? "; 'crossbatch platforms' lists the known ones" : suggestion));
          } else if (words.contains(word)) {
            d.error(item, "'" + word + "' is listed twice in '" + matrix.child(key) + "'; remove one");
          } else {
            words.add(word);
          }
        }
      });
      return words;
    }

    private Map<String, List<String>> readVariants(YamlMap matrix, List<String> arches) {
      Map<String, List<String>> variants = new LinkedHashMap<>();
      matrix.value("variants").flatMap(n -> YamlValues.mapping(n, "platforms.variants", d)).ifPresent(node -> {
        YamlMap map = YamlMap.of(node, "platforms.variants", d);
        for (String arch : map.keys()) {
          Node archKey = map.keyNode(arch).get();
          Optional<Variant> kind = Variant.forArch(arch);
          if (kind.isEmpty()) {
            List<String> withVariants = Arrays.stream(Variant.values()).map(Variant::arch).distinct().toList();
            d.error(archKey, "'" + arch + "' has no variants; variants exist for " + String.join(", ", withVariants));
            continue;
          }
          if (!arches.contains(arch)) {
            d.error(archKey, "variants for '" + arch + "' but '" + arch + "' is not in 'platforms.arch'; add it there or remove these variants");
          }
          List<String> names = new ArrayList<>();
          for (ScalarNode item : YamlValues.scalarList(map.value(arch).get(), map.child(arch), d).orElse(List.of())) {
            if (!kind.get().names().contains(item.getValue())) {
              d.error(item, "unknown " + kind.get().envName() + " variant '" + item.getValue() + "' for " + arch + "; valid: " + String.join(", ", kind.get().names()));
            } else {
              names.add(item.getValue());
            }
          }
          if (!names.isEmpty()) {
            variants.put(arch, names);
          }
        }
      });
      return variants;
    }

    // ---- build settings --------------------------------------------------------------------

    private PlaceholderTemplate readLdflags(YamlMap top) {
      String text = optionalText(top, "ldflags").orElse(DEFAULT_LDFLAGS);
      try {
        return PlaceholderTemplate.parse(text, LDFLAGS_PLACEHOLDERS, LDFLAGS_LITERAL, LDFLAGS_HINT);
      } catch (TemplateException e) {
        pointInto(top.value("ldflags").orElse(top.node()), e, "ldflags");
        return null;
      }
    }

    /** Points at the offending character when the value is a one-line scalar. */
    private void pointInto(Node node, TemplateException e, String key) {
      if (node instanceof ScalarNode scalar && scalar.getStartMark().getLine() == scalar.getEndMark().getLine()) {
        int quote = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN ? 0 : 1;
        d.error(node, quote + e.offset(), "'" + key + "': " + e.getMessage());
      } else {
        d.error(node, "'" + key + "': " + e.getMessage());
      }
    }

    private List<String> readFlags(YamlMap top) {
      if (!top.has("flags")) {
        return DEFAULT_FLAGS;
      }
      List<String> flags = new ArrayList<>();
      for (ScalarNode item : YamlValues.scalarList(top.value("flags").get(), "flags", d).orElse(List.of())) {
        String flag = item.getValue();
        String bare = flag.replaceFirst("^-+", "").replaceFirst("=.*", "");
        if (bare.equals("o") || bare.equals("ldflags")) {
          d.error(item, "'" + flag + "' is set by crossbatch; use 'ldflags:' for linker flags, the output name comes from 'name:'");
        } else if (!flag.startsWith("-")) {
          d.error(item, "'" + flag + "' is not a go build flag (flags start with '-'); inside [ ] a comma separates items,"
              + " so quote a flag that holds commas: \"-tags=netgo,osusergo\"");
        } else if (!Names.GO_FLAG.matcher(flag).matches()) {
          d.error(item, "'" + flag + "' is not a go build flag crossbatch accepts; write flags like -trimpath or -tags=netgo,osusergo (no spaces or quotes)");
        } else {
          flags.add(flag);
        }
      }
      return flags;
    }

    private Map<String, String> readEnv(YamlMap top, List<Platform> platforms) {
      Map<String, String> env = new LinkedHashMap<>();
      Optional<MappingNode> node = top.value("env").flatMap(n -> YamlValues.mapping(n, "env", d));
      if (node.isEmpty()) {
        return env;
      }
      YamlMap map = YamlMap.of(node.get(), "env", d);
      for (String key : map.keys()) {
        Node keyNode = map.keyNode(key).get();
        switch (Names.envRule(key)) {
          case INVALID -> d.error(keyNode, "'" + key + "' is not a valid environment variable name; use letters, digits and '_', not starting with a digit");
          case CODEBUILD -> d.error(keyNode, "'" + key + "' is reserved: CodeBuild sets CODEBUILD_* variables itself; choose another name");
          case PLATFORM -> d.error(keyNode, "'" + key + "' is set per build from 'platforms'; remove it from env (for variants write e.g. linux/arm/v7)");
          case VERSION -> d.error(keyNode, "'VERSION' is set by crossbatch from git (git describe); remove it from env");
          case FREE -> { }
        }
        Node value = map.value(key).get();
        if (value instanceof ScalarNode scalar) {
          env.put(key, YamlValues.isNull(value) ? "" : scalar.getValue());
        } else {
          d.error(value, "'env." + key + "' must be a string, found " + YamlValues.describe(value));
        }
      }
      return env;
    }

    private ArtifactName readArtifact(YamlMap top, List<Platform> platforms, String name) {
      Optional<String> text = optionalText(top, "artifact");
      ArtifactName artifact;
      try {
        artifact = text.isPresent() ? ArtifactName.parse(text.get()) : ArtifactName.defaultName();
      } catch (TemplateException e) {
        pointInto(top.value("artifact").get(), e, "artifact");
        return null;
      }
      Map<String, Platform> names = new HashMap<>();
      for (Platform p : platforms) {
        String file = artifact.fileName(name, p, "0000000000000000000000000000000000000000", "VERSION");
        Platform clash = names.putIfAbsent(file, p);
        if (clash != null) {
          d.error(top.value("artifact").orElse(top.node()),
              "'artifact': " + clash + " and " + p + " would both be named " + file.replace("0000000", "<commit7>")
                  + "; add {variant} to the name");
          break;
        }
      }
      return artifact;
    }

    private Preset readPreset(YamlMap top) {
      Optional<String> written = optionalText(top, "preset");
      if (written.isEmpty()) {
        return Preset.builtIn(Preset.GO);
      }
      String value = written.get();
      if (value.equals(Preset.GO) || value.equals(Preset.GENERIC)) {
        return Preset.builtIn(value);
      }
      Node node = top.value("preset").get();
      if (!value.endsWith(".yml") && !value.endsWith(".yaml")) {
        d.error(node, "unknown preset '" + value + "'" + Suggestions.didYouMean(value, List.of(Preset.GO, Preset.GENERIC))
            + " (built-in: go, generic; or the path of a .yml file)");
        return Preset.builtIn(Preset.GO);
      }
      Path dir = file.toAbsolutePath().getParent();
      Path presetFile = dir.resolve(value).normalize();
      if (!Files.isRegularFile(presetFile)) {
        d.error(node, "preset file '" + value + "' not found next to " + FILE_NAME + " (looked for " + presetFile + ")");
      }
      return Preset.fromFile(value, presetFile);
    }

    private String readBuild(YamlMap top, Preset preset, List<String> commands) {
      String output = "dist";
      Optional<MappingNode> node = top.value("build").flatMap(n -> YamlValues.mapping(n, "build", d));
      if (node.isPresent()) {
        YamlMap build = YamlMap.of(node.get(), "build", d);
        build.rejectUnknown(BUILD_KEYS, d);
        if (preset.isGo()) {
          d.error(build.keyNode("commands").orElse(top.keyNode("build").get()),
              "'build' is for the generic preset and preset files; the go preset builds with 'go build'. Remove 'build' or set 'preset: generic'");
        }
        optionalCommands(build, "commands").ifPresent(commands::addAll);
        Optional<String> written = optionalText(build, "output");
        written.ifPresent(o -> checked(build.value("output").get(), Names.checkPrefix(o).map(p -> "'build.output': " + p)));
        output = written.orElse(output);
      }
      if (Preset.GENERIC.equals(preset.name()) && preset.isBuiltIn() && commands.isEmpty()) {
        d.error(top.keyNode("preset").get(), "the generic preset needs 'build.commands' (the commands that build one platform; GOOS and GOARCH are set)");
      }
      return output;
    }

    // ---- backends --------------------------------------------------------------------------

    private CodeBuildSettings readCodeBuild(YamlMap top, String name, List<Platform> platforms, List<String> tests) {
      Optional<MappingNode> node = top.value("codebuild").flatMap(n -> YamlValues.mapping(n, "codebuild", d));
      YamlMap cb = node.map(n -> YamlMap.of(n, "codebuild", d)).orElse(null);
      if (cb != null) {
        cb.rejectUnknown(CODEBUILD_KEYS, d);
      }
      String project = checkedText(cb, "project", Names::checkProject);
      String region = checkedText(cb, "region", Names::checkRegion);
      String bucket = checkedText(cb, "bucket", Names::checkBucket);
      String prefix = checkedText(cb, "prefix", Names::checkPrefix);
      String image = checkedText(cb, "image", v -> Names.IMAGE.matcher(v).matches() ? Optional.empty()
          : Optional.of("'" + v + "' is not an image name; write it like 'aws/codebuild/amazonlinux-x86_64-standard:5.0'"));
      String computeType = checkedText(cb, "compute-type", v -> CodeBuildModel.COMPUTE_TYPES.contains(v) ? Optional.empty()
          : Optional.of("unknown compute type '" + v + "'" + orKnown(v, CodeBuildModel.COMPUTE_TYPES)));
      String source = checkedText(cb, "source", v -> Names.SOURCE_URL.matcher(v).matches() ? Optional.empty()
          : Optional.of("'" + v + "' is not a repository URL; write it like 'https://github.com/OWNER/REPO.git'"));
      boolean fastFail = cb != null && cb.value("fast-fail").flatMap(n -> YamlValues.bool(n, "codebuild.fast-fail", d)).orElse(false);

      BatchMode mode = BatchMode.LIST;
      if (cb != null && cb.has("batch-mode")) {
        Node modeNode = cb.value("batch-mode").get();
        Optional<String> word = YamlValues.text(modeNode, "codebuild.batch-mode", d);
        if (word.isPresent()) {
          Optional<BatchMode> parsed = BatchMode.fromWord(word.get());
          if (parsed.isEmpty()) {
            d.error(modeNode, "unknown batch mode '" + word.get() + "'" + orKnown(word.get(), BatchMode.words()));
          } else {
            mode = parsed.get();
            checkMode(mode, modeNode, platforms, tests);
          }
        }
      }

      int builds = platforms.size() + (mode == BatchMode.GRAPH ? 1 : 0);
      // One more than the builds: the batch's DOWNLOAD_SOURCE group is a build of its own.
      int maxBuilds = builds + 1;
      if (cb != null && cb.has("max-builds")) {
        Node maxNode = cb.value("max-builds").get();
        Optional<Integer> value = YamlValues.integer(maxNode, "codebuild.max-builds", 1, 10_000, d);
        if (value.isPresent() && value.get() < builds) {
          d.error(maxNode, "'codebuild.max-builds' is " + value.get() + " but the batch has " + builds
              + " builds; CodeBuild fails a batch that exceeds it. Raise it to at least " + builds + " or remove it");
        }
        maxBuilds = value.orElse(maxBuilds);
      }
      return new CodeBuildSettings(
          project, region, bucket, prefix == null ? "" : prefix,
          computeType == null ? CodeBuildSettings.DEFAULT_COMPUTE_TYPE : computeType,
          image == null ? CodeBuildSettings.DEFAULT_IMAGE : image,
          maxBuilds, fastFail, mode, source);
    }

    private static String orKnown(String value, List<String> known) {
      String suggestion = Suggestions.didYouMean(value, known);
      return suggestion.isEmpty() ? "; valid: " + String.join(", ", known) : suggestion;
    }

    private String checkedText(YamlMap map, String key, java.util.function.Function<String, Optional<String>> check) {
      if (map == null || !map.has(key)) {
        return null;
      }
      Node node = map.value(key).get();
      return YamlValues.text(node, map.child(key), d).filter(v -> checked(node, check.apply(v))).orElse(null);
    }

    private void checkMode(BatchMode mode, Node modeNode, List<Platform> platforms, List<String> tests) {
      if (mode == BatchMode.GRAPH && tests.isEmpty()) {
        d.error(modeNode, "batch-mode graph runs a 'test' task before the platform builds; add 'test:' commands or use batch-mode list");
      }
      if (mode != BatchMode.MATRIX || platforms.isEmpty()) {
        return;
      }
      Optional<Platform> withVariant = platforms.stream().filter(Platform::hasVariant).findFirst();
      if (withVariant.isPresent()) {
        d.error(modeNode, "batch-mode matrix has only GOOS and GOARCH axes, but " + withVariant.get() + " has a variant; use batch-mode list");
        return;
      }
      Set<String> oses = new LinkedHashSet<>();
      Set<String> arches = new LinkedHashSet<>();
      platforms.forEach(p -> {
        oses.add(p.os());
        arches.add(p.arch());
      });
      for (String os : oses) {
        for (String arch : arches) {
          if (!platforms.contains(Platform.of(os, arch))) {
            d.error(modeNode, "batch-mode matrix builds every GOOS × GOARCH combination, but " + os + "/" + arch
                + " is not in 'platforms'" + (platformsFromMatrix ? " (excluded)" : "") + "; use batch-mode list or graph");
            return;
          }
        }
      }
    }

    private LocalSettings readLocal(YamlMap top) {
      Optional<MappingNode> node = top.value("local").flatMap(n -> YamlValues.mapping(n, "local", d));
      if (node.isEmpty()) {
        return new LocalSettings(0, LocalSettings.DEFAULT_OUTPUT);
      }
      YamlMap local = YamlMap.of(node.get(), "local", d);
      local.rejectUnknown(LOCAL_KEYS, d);
      int parallelism = local.value("parallelism").flatMap(n -> YamlValues.integer(n, "local.parallelism", 1, 256, d)).orElse(0);
      String output = optionalText(local, "output").orElse(LocalSettings.DEFAULT_OUTPUT);
      return new LocalSettings(parallelism, output);
    }
  }
}
