package dev.crossbatch.core.init;

import dev.crossbatch.core.buildspec.Presets;
import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.Names;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.golang.GoDeclarations;
import dev.crossbatch.core.golang.GoModule;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.spec.CodeBuildModel;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.InvalidFileException;
import dev.crossbatch.core.yaml.SafeYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Writes a commented crossbatch.yml for the Go module in a folder. */
public final class Initializer {
  /** The six platforms of the cross-platform CodeBuild batch recipe. */
  public static final List<Platform> DEFAULT_PLATFORMS =
      List.of(
          Platform.of("linux", "amd64"), Platform.of("linux", "arm64"),
          Platform.of("darwin", "amd64"), Platform.of("darwin", "arm64"),
          Platform.of("windows", "amd64"), Platform.of("windows", "arm64"));

  private static final Pattern PACKAGE_MAIN = Pattern.compile("(?m)^package\\s+main\\b");

  /** {@code name}, {@code main}: null to derive them; {@code platforms}: empty for the defaults. */
  public record Request(Path dir, String name, String main, List<Platform> platforms, boolean force) {}

  /** What was written; {@code notes} are things the user should look at. */
  public record Result(Path file, String name, String main, String goVersion, List<Platform> platforms, List<String> notes) {}

  private Initializer() {}

  public static Result init(Request request) {
    Path dir = request.dir();
    Path target = dir.resolve(ConfigLoader.FILE_NAME);
    if (Files.exists(target) && !request.force()) {
      throw CrossbatchException.usage(target + " already exists", "edit it, or pass --force to replace it");
    }
    List<String> notes = new ArrayList<>();
    Optional<GoModule> module = GoModule.read(dir);
    if (module.isEmpty() && request.name() == null) {
      throw CrossbatchException.usage("no go.mod in " + dir,
          "run crossbatch init in the folder of your Go module (create one with 'go mod init MODULE'), or pass --name");
    }
    String moduleName = request.name() != null ? request.name() : module.get().binaryName();
    String main = request.main() != null ? request.main() : detectMain(dir, moduleName, notes);
    // a command's binary is named after its folder, as `go build ./cmd/dlv` names it: dlv, not the module's delve
    String name = request.name() != null || !main.startsWith("./cmd/") ? moduleName : main.substring("./cmd/".length());
    Names.checkBinary(name).ifPresent(problem -> {
      throw CrossbatchException.usage(problem, "pass --name with the binary's name");
    });
    Names.checkGoPackage(main).ifPresent(problem -> {
      throw CrossbatchException.usage(problem, "pass --main with the package to build, e.g. ./cmd/" + name);
    });
    String go = module.map(GoModule::goVersion).orElse(null);
    if (go == null) {
      go = ConfigLoader.DEFAULT_GO_VERSION;
      notes.add("go.mod has no 'go' line: CodeBuild will use its latest Go 1 (go: \"1.x\")");
    } else {
      // the runtime line, not go.mod's patch: a line is what CodeBuild's runtime-versions name
      String wanted = go;
      go = CodeBuildModel.golangRuntime(wanted).orElse(ConfigLoader.DEFAULT_GO_VERSION);
      if (!go.equals(wanted.replaceFirst("^(1\\.\\d+)\\..*$", "$1"))) {
        List<String> lines = CodeBuildModel.GOLANG_RUNTIMES;
        notes.add("go.mod says Go " + wanted + ", which no golang runtime of CodeBuild's images is (they offer " + lines.get(0) + " to "
            + lines.get(lines.size() - 1) + "): wrote go: \"" + go + "\"" + (go.equals(ConfigLoader.DEFAULT_GO_VERSION)
                ? ", their newest" : ", the nearest newer line; Go builds older modules as they are"));
      }
    }
    List<Platform> platforms = request.platforms().isEmpty() ? DEFAULT_PLATFORMS : request.platforms();

    Map<String, Object> values = new HashMap<>();
    values.put("ldflags", ldflags(dir, main, module, notes));
    values.put("name", name);
    values.put("main", main);
    values.put("go", go);
    values.put("platforms", platforms.stream().map(Platform::toString).toList());
    Diagnostics problems = new Diagnostics("init template");
    Node root = SafeYaml.parse(template(), problems, true).orElseThrow();
    Presets.render((MappingNode) root, values, problems);
    problems.throwIfErrors();
    String text = withCommands(SafeYaml.emit(root), commands(dir));
    try {
      ConfigLoader.parse(text, target, ConfigLoader.FILE_NAME);
    } catch (InvalidFileException e) {
      throw new CrossbatchException(ErrorKind.INTERNAL, "crossbatch init produced an invalid config:\n" + e.getMessage(), null, e);
    }
    AtomicFiles.write(target, text);
    ignoreOutputs(dir, notes);
    return new Result(target, name, main, go, platforms, notes);
  }

  /** Local releases write dist/ and .crossbatch/; keep them out of commits, as other release tools do. */
  static void ignoreOutputs(Path dir, List<String> notes) {
    ignore(dir, OUTPUTS, notes);
  }

  /** Adds the {@code entries} that .gitignore in {@code dir} lacks, saying so in {@code notes}. */
  public static void ignore(Path dir, List<String> entries, List<String> notes) {
    Path gitignore = dir.resolve(".gitignore");
    try {
      String current = Files.exists(gitignore) ? BoundedFiles.readString(gitignore, 1 << 20) : "";
      List<String> lines = current.lines().map(String::trim).toList();
      List<String> missing = entries.stream().filter(o -> !lines.contains(o) && !lines.contains("/" + o)).toList();
      if (missing.isEmpty()) {
        return;
      }
      String separator = current.isEmpty() || current.endsWith("\n") ? "" : "\n";
      AtomicFiles.write(gitignore, current + separator + String.join("\n", missing) + "\n");
      notes.add("added " + String.join(" and ", missing) + " to .gitignore");
    } catch (IOException e) {
      notes.add("could not update .gitignore (" + e.getMessage() + "); keep " + String.join(" and ", entries) + " out of commits");
    }
  }

  private static final List<String> OUTPUTS = List.of("dist/", ".crossbatch/");

  /** -s -w and the -X flags that set the version and commit variables the module declares; today's default when it declares none. */
  static String ldflags(Path dir, String main, Optional<GoModule> module, List<String> notes) {
    VersionVariables.Found found = VersionVariables.find(dir, main, module.map(GoModule::path).orElse("main"));
    notes.addAll(found.notes());
    if (found.flags().isEmpty()) {
      if (found.notes().isEmpty()) { // a constant was named already
        notes.add("no version variable found (var version string in the main package or a version package): -X main.version stays"
            + " without effect until there is one");
      }
      return ConfigLoader.DEFAULT_LDFLAGS;
    }
    return "-s -w " + String.join(" ", found.flags());
  }

  /**
   * With several commands under cmd/, a commented {@code builds:} after {@code main:} that ships them
   * all, each binary named after its folder as {@code go build ./cmd/NAME} names it.
   */
  static String withCommands(String text, List<String> commands) {
    if (commands.size() < 2) {
      return text;
    }
    StringBuilder block = new StringBuilder("\n# This module has " + commands.size() + " commands under cmd/. To ship them all in each archive,"
        + " replace 'main:' with:\n# builds:\n");
    commands.forEach(c -> block.append("#   - binary: ").append(c).append("\n#     main: ./cmd/").append(c).append('\n'));
    int main = text.indexOf("\nmain: ");
    int end = text.indexOf('\n', main + 1);
    return main < 0 ? text : text.substring(0, end + 1) + block + text.substring(end + 1);
  }

  /** The commands under cmd/ whose folder name is a binary name crossbatch accepts, sorted. */
  static List<String> commands(Path dir) {
    try (Stream<Path> children = Files.isDirectory(dir.resolve("cmd")) ? Files.list(dir.resolve("cmd")) : Stream.empty()) {
      return children.filter(Initializer::isMainPackage).map(p -> p.getFileName().toString())
          .filter(n -> Names.checkBinary(n).isEmpty()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * "." when the module root is package main, else the command under cmd/ named like the module
   * (cfssl's cmd/cfssl), else the first one; with several, a note names them all.
   */
  static String detectMain(Path dir, String name, List<String> notes) {
    if (isMainPackage(dir)) {
      return ".";
    }
    List<String> mains = new ArrayList<>();
    try (Stream<Path> children = Files.isDirectory(dir.resolve("cmd")) ? Files.list(dir.resolve("cmd")) : Stream.empty()) {
      children.filter(Initializer::isMainPackage).map(p -> p.getFileName().toString()).sorted().forEach(mains::add);
    } catch (IOException e) {
      // unreadable cmd/: as if there were none
    }
    if (mains.isEmpty()) {
      notes.add("no package main next to go.mod or under cmd/; set 'main:' in crossbatch.yml");
      return ".";
    }
    String chosen = mains.contains(name) ? name : mains.get(0);
    if (mains.size() > 1) {
      notes.add(mains.size() + " commands under cmd/ (" + String.join(", ", mains) + "): this file builds ./cmd/" + chosen
          + "; the 'builds:' written in comments below 'main:' ships them all");
    }
    return "./cmd/" + chosen;
  }

  private static boolean isMainPackage(Path dir) {
    return GoDeclarations.goFiles(dir).stream().anyMatch(Initializer::declaresMain);
  }

  private static boolean declaresMain(Path file) {
    try {
      return PACKAGE_MAIN.matcher(BoundedFiles.readString(file, 16 << 20)).find(); // a FIFO named x.go never blocks init
    } catch (IOException e) {
      return false;
    }
  }

  private static String template() {
    try (InputStream in = Initializer.class.getResourceAsStream("/dev/crossbatch/init/crossbatch.yml")) {
      if (in == null) {
        throw new CrossbatchException(ErrorKind.INTERNAL, "the init template is missing from the crossbatch jar", "rebuild crossbatch with ./mvnw package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.INTERNAL, "cannot read the init template: " + e.getMessage(), "rebuild crossbatch with ./mvnw package", e);
    }
  }
}
