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

  /** Copies the example's tracked files (not its dist/ or .crossbatch/) into {@code target}. */
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
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes {@code dir} a git repository with everything committed; returns the commit SHA. */
  static String commitAll(Path dir) {
    Processes.ok(dir, "git", "init", "-q", "-b", "main");
    Processes.ok(dir, "git", "add", "-A");
    Processes.ok(dir, "git", "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "hello");
    return Processes.ok(dir, "git", "rev-parse", "HEAD").trim();
  }
}
