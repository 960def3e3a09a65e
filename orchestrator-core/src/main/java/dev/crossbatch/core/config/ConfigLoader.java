package dev.crossbatch.core.config;

import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.source.GitSource;
import dev.crossbatch.core.spec.CodeBuildModel;
import dev.crossbatch.core.text.PlaceholderTemplate;
import dev.crossbatch.core.yaml.Diagnostic;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.SafeYaml;
import dev.crossbatch.core.yaml.YamlMap;
import dev.crossbatch.core.yaml.YamlValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code crossbatch.yml} through the YAML node API so that every problem is reported with
 * its line and column, all of them at once.
 */
public final class ConfigLoader {
  public static final String FILE_NAME = "crossbatch.yml";

  static final List<String> TOP_KEYS =
      List.of(
          "name", "main", "builds", "go", "platforms", "overrides", "ldflags", "flags", "env", "artifact", "archive", "preset",
          "build", "test", "timeout-minutes", "codebuild", "local", "sign");

  public static final String DEFAULT_LDFLAGS = "-s -w -X main.version={version} -X main.commit={commit}";
  public static final List<String> DEFAULT_FLAGS = List.of("-trimpath");
  public static final List<String> DEFAULT_GO_TESTS = List.of("go vet ./...", "go test ./...");
  public static final String DEFAULT_GO_VERSION = "1.x";
  public static final int DEFAULT_TIMEOUT_MINUTES = 60;

  private ConfigLoader() {}

  /** Loads and validates a config; throws {@code InvalidFileException} with every error found. */
  public static ProjectConfig load(Path file, String displayName) {
    return loaded(file, displayName).config();
  }

  /**
   * A config loaded as {@link #load} does, with the document and what reading it found kept, so
   * that the commands that build can tell its warnings without reading the file a second time.
   */
  public static Loaded loaded(Path file, String displayName) {
    Diagnostics d = new Diagnostics(displayName);
    Optional<Node> root = SafeYaml.read(file, d, false);
    return new Loaded(read(root, file, d), root.orElseThrow(), d);
  }

  /** A loaded config, its document and the diagnostics of reading it (warnings only: errors throw). */
  public static final class Loaded {
    private final ProjectConfig config;
    private final Node root;
    private final Diagnostics read;

    private Loaded(ProjectConfig config, Node root, Diagnostics read) {
      this.config = config;
      this.root = root;
      this.read = read;
    }

    public ProjectConfig config() {
      return config;
    }

    /**
     * What validate would warn about, in the file's order: the read's warnings and those of the Go
     * sources, read now (an -X that sets nothing), as {@link #check} finds them.
     */
    public List<Diagnostic> warnings() {
      Diagnostics sources = new Diagnostics(read.file());
      LinkerChecks.warn(config, root, sources);
      List<Diagnostic> all = new ArrayList<>(read.list());
      all.addAll(sources.list());
      return all.stream().filter(d -> !d.isError()).sorted().toList();
    }
  }

  /** A config read whole: the config (null when it has errors) and every problem, warnings too. */
  public record Checked(ProjectConfig config, List<Diagnostic> diagnostics) {}

  /**
   * Reads a config as validate does: nothing thrown, warnings kept beside the config, and the Go
   * sources read for what the config says of them (-X flags that set nothing).
   */
  public static Checked check(Path file, String displayName) {
    Diagnostics d = new Diagnostics(displayName);
    Optional<Node> root = SafeYaml.read(file, d, false);
    ProjectConfig config = root.isEmpty() ? null : new Reader(file, d).read(root.get());
    if (config != null && !d.hasErrors()) {
      LinkerChecks.warn(config, root.get(), d);
    }
    return new Checked(d.hasErrors() ? null : config, d.list());
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

  /** Walks one document: the top-level keys here, each section in its own reader, all into one {@link Diagnostics}. */
  private static final class Reader {
    private final Path file;
    private final Diagnostics d;
    private final ConfigFields fields;

    Reader(Path file, Diagnostics d) {
      this.file = file;
      this.d = d;
      this.fields = new ConfigFields(d);
    }

    ProjectConfig read(Node root) {
      if (!(root instanceof MappingNode rootMap)) {
        d.error(root, FILE_NAME + " must be a mapping of keys such as 'name:' and 'platforms:', found " + YamlValues.describe(root));
        return null;
      }
      YamlMap top = YamlMap.of(rootMap, "", d);
      top.rejectUnknown(TOP_KEYS, d);

      String name = fields.required(top, "name", "the binary name, e.g. 'name: hello'")
          .filter(n -> fields.checked(top.value("name").get(), Names.checkBinary(n)))
          .orElse(null);
      if (top.value("main").orElse(null) instanceof SequenceNode list) {
        d.error(list, "'main' is one main package, found a list; for several binaries write one entry of 'builds:' per main package,"
            + " e.g. builds: [{binary: alpha, main: ./cmd/alpha}, {binary: beta, main: ./cmd/beta}]");
      }
      String main = top.value("main").filter(n -> !(n instanceof SequenceNode)).flatMap(n -> YamlValues.text(n, "main", d)).orElse(".");
      top.value("main").ifPresent(n -> fields.checked(n, Names.checkGoPackage(main)));
      String go = fields.optionalText(top, "go").orElse(DEFAULT_GO_VERSION);
      top.value("go").ifPresent(n -> {
        if (!Names.GO_VERSION.matcher(go).matches()) {
          d.error(n, "'go' must be a Go version such as \"1.22\", \"1.x\" or \"latest\", found '" + go + "'");
        } else if (!CodeBuildModel.offersGolang(go)) {
          List<String> lines = CodeBuildModel.GOLANG_RUNTIMES;
          d.warning(n, "'go: " + go + "' is not a golang runtime CodeBuild's images offer (" + lines.get(0) + " to " + lines.get(lines.size() - 1)
              + "), so its INSTALL phase would fail there; use " + CodeBuildModel.golangRuntime(go).map(v -> "\"" + v + "\"").orElse("\"1.x\"")
              + (CodeBuildModel.golangRuntime(go).isPresent() ? " (the nearest newer line) or \"1.x\"" : ""));
        }
      });

      PlatformsReader platformsReader = new PlatformsReader(fields);
      List<Platform> platforms = platformsReader.read(top);
      BuildReader build = new BuildReader(fields, file);
      PlaceholderTemplate ldflags = build.ldflags(top, DEFAULT_LDFLAGS);
      List<String> flags = build.flags(top, DEFAULT_FLAGS);
      Map<String, String> env = build.env(top);
      ArtifactName artifact = build.artifact(top, platforms, name == null ? "NAME" : name);
      Preset preset = build.preset(top);
      List<String> buildCommands = new ArrayList<>();
      String buildOutput = build.build(top, preset, buildCommands);
      BuildsReader buildsReader = new BuildsReader(fields, build);
      List<GoBuild> builds = buildsReader.builds(top, name, main, ldflags, flags, preset);
      ArchiveSettings archive = buildsReader.archive(top, builds);
      List<String> tests = fields.optionalCommands(top, "test").orElse(preset.isGo() ? DEFAULT_GO_TESTS : List.of());
      int timeout = top.value("timeout-minutes")
          .flatMap(n -> YamlValues.integer(n, "timeout-minutes", 5, 480, d))
          .orElse(DEFAULT_TIMEOUT_MINUTES);
      BackendsReader backends = new BackendsReader(fields, platformsReader.fromMatrix());
      CodeBuildSettings codebuild = backends.codebuild(top, platforms, tests);
      LocalSettings local = backends.local(top);
      List<PlatformOverride> overrides = new OverridesReader(fields, build).read(top, platforms, codebuild.batchMode());

      String signingKey = signingKey(top, d);

      String folder = GitSource.folderOf(file.toAbsolutePath().getParent());
      if (!Names.SOURCE_FOLDER.matcher(folder).matches()) {
        d.error(rootMap, FILE_NAME + " is in the folder '" + folder + "' of its repository, a name the generated buildspec would hand to a shell;"
            + " use letters, digits, '.', '_', '-', '+', '@' and '/' in the folders above it");
      }
      if (d.hasErrors()) {
        return null;
      }
      return new ProjectConfig(
          file, name, main, go, platforms, ldflags, flags, env, artifact, preset, buildCommands,
          buildOutput, tests, timeout, codebuild, local, platformsReader.skipped(), folder, builds, archive, overrides, signingKey);
    }
  }

  /** {@code sign: {key: FILE}}: the path of the minisign secret key releases are signed with; never the key itself. */
  private static String signingKey(YamlMap top, Diagnostics d) {
    return top.value("sign").flatMap(n -> YamlValues.mapping(n, "sign", d)).flatMap(m -> {
      YamlMap sign = YamlMap.of(m, "sign", d);
      sign.rejectUnknown(List.of("key"), d);
      return sign.value("key").flatMap(k -> YamlValues.text(k, "sign.key", d).filter(path -> {
        if (path.contains("\n") || path.startsWith("untrusted comment") || path.matches("RW[A-Za-z0-9+/]{40,}={0,2}")) {
          d.error(k, "'sign.key' is the path of the secret key file, never the key itself; a key in crossbatch.yml is a key in git."
              + " Write it to a file outside the repository (crossbatch keygen --out FILE) and name that file");
          return false;
        }
        return true;
      }));
    }).orElse(null);
  }
}
