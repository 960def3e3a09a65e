package dev.crossbatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.crossbatch.core.init.Initializer;
import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.spec.CodeBuildModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * crossbatch.yml's JSON Schema against the config model: every config the tests and examples hold
 * validates, every malformed fixture whose fault is in the file's shape fails, and the schema names
 * exactly the keys, enums and patterns the readers use.
 */
class ConfigSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode SCHEMA_NODE = read(ConfigSchema.text());
  private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA_NODE);
  private static final Path FIXTURES = Path.of("src/test/resources/malformed-config");

  /** Faults a schema sees: types, keys, enums, ranges, required keys, the shape of names and values. */
  private static final Set<String> SCHEMA_FAULTS = Set.of(
      "archive-files-unsafe", "artifact-bad-char", "artifact-zip-suffix", "bad-binary-name", "bad-go-version", "build-with-go-preset",
      "builds-empty", "builds-problems", "codebuild-bad-bucket", "codebuild-bad-prefix", "codebuild-bad-project", "codebuild-bad-region",
      "codebuild-batch-mode", "codebuild-compute-type", "codebuild-fast-fail-text", "codebuild-max-builds-text", "codebuild-unknown-key",
      "duplicate-platform", "empty-file", "empty-platforms", "env-reserved", "env-value-map", "flags-ldflags", "flags-split-by-comma",
      "generic-without-commands", "ldflags-backquote", "ldflags-dollar", "ldflags-quoted-dollar", "local-parallelism-zero", "main-dotdot",
      "main-list", "main-pattern", "matrix-unknown-goos", "matrix-without-arch", "merge-key", "missing-name", "missing-platforms",
      "name-is-list", "overrides-problems", "platform-dash", "several-errors", "timeout-too-long", "top-level-list", "unknown-arch",
      "unknown-key-no-suggestion", "unknown-os", "unknown-preset", "unknown-top-key");

  /** Faults beyond a schema, which validate finds: across keys, in the platform list, in files and in shell words; and broken YAML. */
  private static final Map<String, String> BEYOND_THE_SCHEMA = Map.ofEntries(
      Map.entry("artifact-collision", "two platforms' names collide"),
      Map.entry("artifact-no-commit", "a name without a commit or version: placeholders, not characters"),
      Map.entry("bad-variant", "a variant its arch does not have"),
      Map.entry("no-variants-for-arch", "an arch without variants"),
      Map.entry("codebuild-max-builds-low", "max-builds against the number of platforms"),
      Map.entry("flags-hostile", "shell words inside a flag"),
      Map.entry("ldflags-open-quote", "an unclosed shell quote"),
      Map.entry("ldflags-unknown-placeholder", "a placeholder's name inside braces"),
      Map.entry("matrix-exclude-missing", "an exclude the matrix does not hold"),
      Map.entry("matrix-mode-not-product", "batch-mode matrix against the platform list"),
      Map.entry("preset-file-missing", "a file that must exist"),
      Map.entry("duplicate-key", "broken YAML: a key twice"),
      Map.entry("syntax-error", "broken YAML"),
      Map.entry("tab-indent", "broken YAML"),
      Map.entry("two-documents", "two YAML documents"));

  @TempDir Path dir;

  @Test
  void everyConfigOfTheTestsAndExamples_andWhatInitWrites_validates() throws IOException {
    List<Path> configs = new ArrayList<>();
    try (Stream<Path> golden = Files.list(Path.of("src/test/resources/golden"));
        Stream<Path> projects = Files.list(Path.of("../orchestrator-cli/src/test/resources/projects"))) {
      Stream.concat(golden, projects).map(d -> d.resolve(ConfigLoader.FILE_NAME)).filter(Files::isRegularFile).forEach(configs::add);
    }
    configs.add(Path.of("../examples/hello-go/crossbatch.yml"));
    Files.writeString(dir.resolve("go.mod"), "module example.com/rocket\n\ngo 1.22\n");
    Files.writeString(dir.resolve("main.go"), "package main\n\nvar version = \"dev\"\n\nfunc main() {}\n");
    configs.add(Initializer.init(new Initializer.Request(dir, null, null, List.of(), false)).file());

    Map<String, Set<String>> failures = new TreeMap<>();
    for (Path config : configs) {
      ConfigLoader.load(config, config.toString()); // a config crossbatch itself accepts
      Set<ValidationMessage> errors = SCHEMA.validate(yaml(config));
      if (!errors.isEmpty()) {
        failures.put(config.toString(), new TreeSet<>(errors.stream().map(ValidationMessage::getMessage).toList()));
      }
    }
    assertThat(configs).hasSizeGreaterThan(15);
    assertThat(failures).isEmpty();
    assertThat(Files.readString(configs.get(configs.size() - 1))).startsWith(ConfigSchema.MODELINE + "\n");
  }

  @Test
  void everyMalformedFixtureWithAFaultOfShape_failsTheSchema_andEachFixtureIsClassified() throws IOException {
    Set<String> fixtures = new TreeSet<>();
    try (Stream<Path> files = Files.list(FIXTURES)) {
      files.map(f -> f.getFileName().toString().replaceFirst("\\.yml$", "")).forEach(fixtures::add);
    }
    Set<String> classified = new TreeSet<>(SCHEMA_FAULTS);
    classified.addAll(BEYOND_THE_SCHEMA.keySet());
    assertThat(classified).as("a new fixture is put in one of the two lists").isEqualTo(fixtures);

    List<String> passed = new ArrayList<>();
    for (String name : SCHEMA_FAULTS) {
      if (SCHEMA.validate(yaml(FIXTURES.resolve(name + ".yml"))).isEmpty()) {
        passed.add(name);
      }
    }
    assertThat(passed).as("fixtures the schema let through").isEmpty();
  }

  @Test
  void theSchemasKeys_areTheReadersKeys() {
    JsonNode top = SCHEMA_NODE.get("properties");
    JsonNode defs = SCHEMA_NODE.get("$defs");
    assertThat(names(top)).isEqualTo(Set.copyOf(ConfigLoader.TOP_KEYS));
    assertThat(names(top.get("codebuild").get("properties"))).isEqualTo(Set.copyOf(BackendsReader.CODEBUILD_KEYS));
    assertThat(names(top.get("local").get("properties"))).isEqualTo(Set.copyOf(BackendsReader.LOCAL_KEYS));
    assertThat(names(top.get("build").get("properties"))).isEqualTo(Set.copyOf(BuildReader.BUILD_KEYS));
    assertThat(names(top.get("archive").get("properties"))).isEqualTo(Set.copyOf(BuildsReader.ARCHIVE_KEYS));
    assertThat(names(top.get("sign").get("properties"))).containsExactly("key");
    assertThat(names(defs.get("build").get("properties"))).isEqualTo(Set.copyOf(BuildsReader.BUILD_KEYS));
    assertThat(names(defs.get("override").get("properties"))).isEqualTo(Set.copyOf(OverridesReader.KEYS));
    assertThat(names(defs.get("override").get("properties").get("codebuild").get("properties"))).isEqualTo(Set.copyOf(OverridesReader.CODEBUILD_KEYS));
    assertThat(names(defs.get("matrix").get("properties"))).isEqualTo(Set.copyOf(PlatformsReader.MATRIX_KEYS));
  }

  @Test
  void theSchemasEnumsAndPatterns_areTheModels() {
    JsonNode top = SCHEMA_NODE.get("properties");
    JsonNode defs = SCHEMA_NODE.get("$defs");
    assertThat(texts(top.get("codebuild").get("properties").get("compute-type").get("enum"))).isEqualTo(Set.copyOf(CodeBuildModel.COMPUTE_TYPES));
    assertThat(texts(defs.get("override").get("properties").get("codebuild").get("properties").get("type").get("enum")))
        .isEqualTo(Set.copyOf(CodeBuildModel.ENVIRONMENT_TYPES));
    assertThat(texts(defs.get("archiveFormat").get("enum"))).isEqualTo(Set.copyOf(ArchiveFormat.words()));
    assertThat(texts(defs.get("goos").get("enum"))).isEqualTo(KnownPlatforms.operatingSystems());
    assertThat(texts(defs.get("goarch").get("enum"))).isEqualTo(KnownPlatforms.architectures());
    String pairs = "(" + String.join("|", new TreeSet<>(KnownPlatforms.operatingSystems())) + ")/("
        + String.join("|", new TreeSet<>(KnownPlatforms.architectures())) + ")";
    assertThat(defs.get("platform").get("pattern").asText()).isEqualTo("^" + pairs + "(/[a-z0-9.]+)?$");
    assertThat(top.get("name").get("pattern").asText()).isEqualTo(anchored(Names.BINARY.pattern()));
    assertThat(top.get("go").get("pattern").asText()).isEqualTo(anchored(Names.GO_VERSION.pattern()));
    assertThat(top.get("codebuild").get("properties").get("project").get("pattern").asText()).isEqualTo(anchored(Names.PROJECT.pattern()));
    assertThat(top.get("codebuild").get("properties").get("region").get("pattern").asText()).isEqualTo(anchored(Names.REGION.pattern()));
    assertThat(top.get("codebuild").get("properties").get("image").get("pattern").asText()).isEqualTo(anchored(Names.IMAGE.pattern()));
    assertThat(top.get("codebuild").get("properties").get("source").get("pattern").asText()).isEqualTo(anchored(Names.SOURCE_URL.pattern()));
    assertThat(defs.get("goPackage").get("pattern").asText()).isEqualTo(anchored(Names.GO_PACKAGE.pattern()));
    assertThat(top.get("archive").get("properties").get("files").get("items").get("pattern").asText()).isEqualTo(anchored(Names.ARCHIVE_FILE.pattern()));
    assertThat(defs.get("env").get("propertyNames").get("pattern").asText()).isEqualTo(anchored(Names.ENV_NAME.pattern()));
    assertThat(SCHEMA_NODE.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(SCHEMA_NODE.get("$id").asText()).isEqualTo(ConfigSchema.ID);
  }

  private static String anchored(String pattern) {
    return "^(?:" + pattern + ")$";
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> texts = new TreeSet<>();
    array.forEach(v -> texts.add(v.asText()));
    return texts;
  }

  /** The file as an editor's YAML language server reads it: YAML's own types, duplicate keys refused. */
  private static JsonNode yaml(Path file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    try {
      Object document = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
      return document == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : JSON.valueToTree(document);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
