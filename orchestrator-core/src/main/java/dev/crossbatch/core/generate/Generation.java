package dev.crossbatch.core.generate;

import dev.crossbatch.core.buildspec.BuildspecGenerator;
import dev.crossbatch.core.buildspec.GeneratedFile;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.io.IoErrors;
import dev.crossbatch.core.template.CloudFormationGenerator;
import dev.crossbatch.core.yaml.SafeYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders every generated file of a config, then writes them or checks that they are current. */
public final class Generation {
  public enum State {
    /** Written because it was missing. */
    CREATED,
    /** Written because its content changed. */
    UPDATED,
    /** Already current. */
    UNCHANGED,
    /** --check: the file on disk differs from what would be generated. */
    STALE,
    /** --check: the file does not exist. */
    MISSING
  }

  public record FileResult(String path, State state) {}

  private Generation() {}

  /** All files, rendered in memory first: nothing is written unless every one renders. */
  public static List<GeneratedFile> render(ProjectConfig config) {
    List<GeneratedFile> files = new ArrayList<>(BuildspecGenerator.generate(config));
    files.add(CloudFormationGenerator.generate(config));
    return files;
  }

  /**
   * The files {@code config} renders to: as the record keeps them when it holds the files on disk
   * as rendering gives them now, else rendered (and kept in the record for the next run).
   */
  public static List<GeneratedFile> render(ProjectConfig config, Optional<GenerationRecord> record) {
    Optional<List<GeneratedFile>> recalled = record.flatMap(r -> r.recall(config));
    if (recalled.isPresent()) {
      return recalled.get();
    }
    List<GeneratedFile> rendered = render(config);
    record.ifPresent(r -> r.keep(config, rendered));
    return rendered;
  }

  /**
   * The rendered buildspecs by the path a batch task names them with (relative to the repository's
   * root, as CodeBuild reads them), as a batch request carries them to tasks that name one.
   */
  public static Map<String, String> buildspecs(ProjectConfig config, List<GeneratedFile> rendered) {
    Map<String, String> buildspecs = new LinkedHashMap<>();
    rendered.stream().filter(f -> f.path().startsWith("buildspecs/")).forEach(f -> buildspecs.put(config.fromRepositoryRoot(f.path()), f.content()));
    return buildspecs;
  }

  /** What {@code generate} did, or with {@code check} what it would change. */
  public record Result(ProjectConfig config, List<FileResult> files) {
    public boolean stale() {
      return files.stream().anyMatch(f -> f.state() == State.STALE || f.state() == State.MISSING);
    }
  }

  /** The generate use case: writes the files crossbatch.yml renders to, or with {@code check} only compares them. */
  public static Result run(ProjectConfig config, boolean check) {
    return run(config, check, Optional.empty());
  }

  /** The generate use case, with the files recalled from {@code record} when it holds them. */
  public static Result run(ProjectConfig config, boolean check, Optional<GenerationRecord> record) {
    List<GeneratedFile> rendered = render(config, record);
    return new Result(config, check ? check(config, rendered) : write(config, rendered));
  }

  public static List<FileResult> write(ProjectConfig config) {
    return write(config, render(config));
  }

  /** Writes files already rendered from {@code config}. */
  public static List<FileResult> write(ProjectConfig config, List<GeneratedFile> rendered) {
    List<FileResult> results = new ArrayList<>();
    for (GeneratedFile file : rendered) {
      Path target = config.dir().resolve(file.path());
      String current = read(target);
      if (file.content().equals(current)) {
        results.add(new FileResult(file.path(), State.UNCHANGED));
      } else {
        AtomicFiles.write(target, file.content());
        results.add(new FileResult(file.path(), current == null ? State.CREATED : State.UPDATED));
      }
    }
    return results;
  }

  public static List<FileResult> check(ProjectConfig config) {
    return check(config, render(config));
  }

  /** Compares files already rendered from {@code config} with what is on disk. */
  public static List<FileResult> check(ProjectConfig config, List<GeneratedFile> rendered) {
    List<FileResult> results = new ArrayList<>();
    for (GeneratedFile file : rendered) {
      String current = read(config.dir().resolve(file.path()));
      State state = current == null ? State.MISSING : current.equals(file.content()) ? State.UNCHANGED : State.STALE;
      results.add(new FileResult(file.path(), state));
    }
    return results;
  }

  /** The file as it is now; null when there is none, or something other than a file is there (it gets replaced). */
  private static String read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return BoundedFiles.readString(file, SafeYaml.MAX_BYTES);
    } catch (BoundedFiles.TooLargeException e) {
      return ""; // larger than anything generated: stale
    } catch (IOException e) {
      throw CrossbatchException.usage("cannot read " + file + ": " + IoErrors.reason(e), "check the file's permissions");
    }
  }
}
