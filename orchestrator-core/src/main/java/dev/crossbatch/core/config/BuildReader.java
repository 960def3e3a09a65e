package dev.crossbatch.core.config;

import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.text.PlaceholderTemplate.TemplateException;
import dev.crossbatch.core.text.PlaceholderTemplate;
import dev.crossbatch.core.text.QuotedWords;
import dev.crossbatch.core.text.Suggestions;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.YamlMap;
import dev.crossbatch.core.yaml.YamlValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** crossbatch.yml's build settings: ldflags, flags, env, artifact, preset and build. */
final class BuildReader {
  static final List<String> BUILD_KEYS = List.of("commands", "output");
  static final Set<String> LDFLAGS_PLACEHOLDERS = Set.of("name", "os", "arch", "version", "version_no_v", "commit", "commit7");
  private static final Pattern LDFLAGS_LITERAL = Pattern.compile("[A-Za-z0-9 ._=/:,+@%-]");
  private static final String LDFLAGS_HINT =
      " in ldflags: it would reach the shell; use letters, digits, spaces and . _ = / : , + @ % - with {version}/{commit} placeholders";

  private final ConfigFields fields;
  private final Diagnostics d;
  private final Path file;

  BuildReader(ConfigFields fields, Path file) {
    this.fields = fields;
    this.d = fields.d;
    this.file = file;
  }

  /** The {@code ldflags} of a map (the top level or one build), or {@code fallback} when it has none. */
  PlaceholderTemplate ldflags(YamlMap map, String fallback) {
    String text = fields.optionalText(map, "ldflags").orElse(fallback);
    try {
      return QuotedWords.template(text, LDFLAGS_PLACEHOLDERS, LDFLAGS_LITERAL, LDFLAGS_HINT);
    } catch (TemplateException e) {
      fields.pointInto(map.value("ldflags").orElse(map.node()), e, map.child("ldflags"));
      return null;
    }
  }

  /** The {@code flags} of a map (the top level or one build), or {@code fallback} when it has none. */
  List<String> flags(YamlMap map, List<String> fallback) {
    if (!map.has("flags")) {
      return fallback;
    }
    List<String> flags = new ArrayList<>();
    for (ScalarNode item : YamlValues.scalarList(map.value("flags").get(), map.child("flags"), d).orElse(List.of())) {
      List<QuotedWords.Word> words;
      try {
        words = QuotedWords.split(item.getValue());
      } catch (TemplateException e) {
        fields.pointInto(item, e, map.child("flags"));
        continue;
      }
      if (words.size() != 1) {
        d.error(item, "'" + item.getValue() + "' is " + words.size() + " words; give one flag per item, quoting a value with blanks: \"-gcflags='all=-N -l'\"");
        continue;
      }
      String flag = words.get(0).text();
      String bare = flag.replaceFirst("^-+", "").replaceFirst("=.*", "");
      if (bare.equals("o") || bare.equals("ldflags")) {
        d.error(item, "'" + flag + "' is set by crossbatch; use 'ldflags:' for linker flags, the output name comes from 'name:'");
      } else if (!flag.startsWith("-")) {
        d.error(item, "'" + flag + "' is not a go build flag (flags start with '-'); inside [ ] a comma separates items,"
            + " so quote a flag that holds commas: \"-tags=netgo,osusergo\"");
      } else if (!Names.GO_FLAG.matcher(flag).matches()) {
        d.error(item, "'" + flag + "' is not a go build flag crossbatch accepts; write flags like -trimpath, -tags=netgo,osusergo"
            + " or -gcflags='all=-N -l' (letters, digits, . _ , / : = + - and quoted blanks)");
      } else {
        flags.add(QuotedWords.join(List.of(flag))); // a shell word for the generated go build line
      }
    }
    return flags;
  }

  /** The {@code env} of a map (the top level or one build): names checked, values as strings. */
  Map<String, String> env(YamlMap owner) {
    Map<String, String> env = new LinkedHashMap<>();
    Optional<MappingNode> node = owner.value("env").flatMap(n -> YamlValues.mapping(n, owner.child("env"), d));
    if (node.isEmpty()) {
      return env;
    }
    YamlMap map = YamlMap.of(node.get(), owner.child("env"), d);
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
        d.error(value, "'" + map.child(key) + "' must be a string, found " + YamlValues.describe(value));
      }
    }
    return env;
  }

  ArtifactName artifact(YamlMap top, List<Platform> platforms, String name) {
    Optional<String> text = fields.optionalText(top, "artifact");
    ArtifactName artifact;
    try {
      artifact = text.isPresent() ? ArtifactName.parse(text.get()) : ArtifactName.defaultName();
    } catch (TemplateException e) {
      fields.pointInto(top.value("artifact").get(), e, "artifact");
      return null;
    }
    Map<String, Platform> names = new HashMap<>();
    for (Platform p : platforms) {
      String file = artifact.fileName(name, p, "0000000000000000000000000000000000000000", "VERSION", "");
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

  Preset preset(YamlMap top) {
    Optional<String> written = fields.optionalText(top, "preset");
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
      d.error(node, "preset file '" + value + "' not found next to " + ConfigLoader.FILE_NAME + " (looked for " + presetFile + ")");
    }
    return Preset.fromFile(value, presetFile);
  }

  String build(YamlMap top, Preset preset, List<String> commands) {
    String output = "dist";
    Optional<MappingNode> node = top.value("build").flatMap(n -> YamlValues.mapping(n, "build", d));
    if (node.isPresent()) {
      YamlMap build = YamlMap.of(node.get(), "build", d);
      build.rejectUnknown(BUILD_KEYS, d);
      if (preset.isGo()) {
        d.error(build.keyNode("commands").orElse(top.keyNode("build").get()),
            "'build' is for the generic preset and preset files; the go preset builds with 'go build'. Remove 'build' or set 'preset: generic'");
      }
      fields.optionalCommands(build, "commands").ifPresent(commands::addAll);
      Optional<String> written = fields.optionalText(build, "output");
      written.ifPresent(o -> fields.checked(build.value("output").get(), Names.checkPrefix(o).map(p -> "'build.output': " + p)));
      output = written.orElse(output);
    }
    if (Preset.GENERIC.equals(preset.name()) && preset.isBuiltIn() && commands.isEmpty()) {
      d.error(top.keyNode("preset").get(), "the generic preset needs 'build.commands' (the commands that build one platform; GOOS and GOARCH are set)");
    }
    return output;
  }
}
