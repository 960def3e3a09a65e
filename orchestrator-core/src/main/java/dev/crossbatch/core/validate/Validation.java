package dev.crossbatch.core.validate;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.yaml.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The validate use case: checks the named files, or the config and buildspecs/*.yml beside it, all at once. */
public final class Validation {
  /**
   * @param workDir where the names in {@code files} are relative to
   * @param config the config's name as given (--config), a CONFIG wherever it is
   * @param files the files to check; empty for the config and its buildspecs
   */
  /** @param strict warnings count as errors (--strict) */
  public record Request(Path workDir, String config, List<String> files, boolean strict) {
    public Request(Path workDir, String config, List<String> files) {
      this(workDir, config, files, false);
    }
  }

  public record Result(List<FileCheck> checks, boolean strict) {
    public boolean valid() {
      return checks.stream().allMatch(c -> c.valid(strict));
    }

    public long errors() {
      return checks.stream().flatMap(c -> c.diagnostics().stream()).filter(Diagnostic::isError).count();
    }

    public long warnings() {
      return checks.stream().flatMap(c -> c.diagnostics().stream()).filter(d -> !d.isError()).count();
    }

    public long invalidFiles() {
      return checks.stream().filter(c -> !c.valid(strict)).count();
    }
  }

  private Validation() {}

  public static Result run(Request request) {
    List<FileCheck> checks = new ArrayList<>();
    Path config = request.workDir().resolve(request.config()).normalize();
    for (String file : request.files().isEmpty() ? defaultFiles(request.workDir(), request.config()) : request.files()) {
      Path path = request.workDir().resolve(file).normalize();
      checks.add(FileCheck.of(path, file, path.equals(config) ? FileCheck.Kind.CONFIG : FileCheck.kindOf(path)));
    }
    return new Result(checks, request.strict());
  }

  /** The config and the buildspecs next to it. */
  private static List<String> defaultFiles(Path workDir, String config) {
    Path configPath = workDir.resolve(config).normalize();
    if (!Files.exists(configPath)) { // something else than a file there gets its own diagnostic
      throw CrossbatchException.usage("no " + config + " in " + configPath.getParent(),
          "pass the files to check (crossbatch validate FILE...), or run 'crossbatch init' to create one");
    }
    List<String> result = new ArrayList<>(List.of(config));
    Path buildspecs = configPath.getParent().resolve("buildspecs");
    if (Files.isDirectory(buildspecs)) {
      try (Stream<Path> list = Files.list(buildspecs)) {
        list.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
            .sorted()
            .forEach(p -> result.add(workDir.relativize(p).toString()));
      } catch (IOException e) {
        throw CrossbatchException.usage("cannot list " + buildspecs + ": " + e.getMessage(), "pass the files to check");
      }
    }
    return result;
  }
}
