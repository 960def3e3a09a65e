package dev.crossbatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** examples/hello-go, and copies of it in a repository of their own. */
final class Example {
  static final Path DIR = Path.of("../examples/hello-go").toAbsolutePath().normalize();

  private Example() {}

  /**
   * Copies the example's tracked files (not its dist/ or .crossbatch/) into {@code target}, a project
   * of its own: its generated files are written anew for that place, as {@code crossbatch generate}
   * there would (in this repository they enter examples/hello-go; at a repository's root they do not).
   */
  static Path copyTo(Path target) {
    try (Stream<Path> files = Files.walk(DIR)) {
      for (Path source : files.toList()) {
        Path relative = DIR.relativize(source);
        if (relative.startsWith("dist") || relative.startsWith(".crossbatch")) {
          continue;
        }
        Path copy = target.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Cli.Run generate = Cli.run(target, "generate");
      if (generate.exit() != 0) {
        throw new IllegalStateException("generate in the copy failed: " + generate.err());
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the folder {@code source} with everything in it to {@code target}; returns {@code target}. */
  static Path copyTree(Path source, Path target) {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /**
   * The example copied to {@code target} (see {@link #copyTo}), {@code configTail} added to its
   * crossbatch.yml, dist/ and .crossbatch/ ignored by git, everything committed; returns the SHA.
   */
  static String committedCopy(Path target, String configTail) {
    copyTo(target);
    try {
      Files.writeString(target.resolve("crossbatch.yml"), Files.readString(target.resolve("crossbatch.yml")) + configTail);
      Files.writeString(target.resolve(".gitignore"), "dist/\n.crossbatch/\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return commitAll(target);
  }

  /** Makes {@code dir} a git repository with everything committed; returns the commit SHA. */
  static String commitAll(Path dir) {
    Processes.ok(dir, "git", "init", "-q", "-b", "main");
    Processes.ok(dir, "git", "add", "-A");
    Processes.ok(dir, "git", "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "hello");
    return Processes.ok(dir, "git", "rev-parse", "HEAD").trim();
  }

  /**
   * A git repository at {@code dir} (made if need be) with a generic-preset crossbatch.yml named
   * app: each build of {@code platforms} ("[linux/amd64, linux/arm64]") runs {@code commands} (YAML
   * list items, as written) and zips out/. Generated files and outputs are ignored by git.
   */
  static Path genericApp(Path dir, String platforms, String... commands) {
    StringBuilder config = new StringBuilder("name: app\npreset: generic\nplatforms: " + platforms + "\nbuild:\n  commands:\n");
    for (String command : commands) {
      config.append("    - ").append(command).append('\n');
    }
    config.append("  output: out\n");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("crossbatch.yml"), config.toString());
      Files.writeString(dir.resolve(".gitignore"), "dist/\n.crossbatch/\nbuildspecs/\ntemplates/\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    commitAll(dir);
    return dir;
  }
}
