package dev.crossbatch.core.config;

import dev.crossbatch.core.error.CrossbatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where crossbatch.yml is when no --config names it, found as git finds its repository: the
 * nearest {@code crossbatch.yml} or {@code crossbatch.yaml} from the start folder up to the root
 * of the git repository around it. Outside a repository only the start folder counts, so a stray
 * file in a parent folder is never picked up.
 */
public final class ConfigFiles {
  /** The names looked for in each folder, in this order. */
  public static final List<String> NAMES = List.of("crossbatch.yml", "crossbatch.yaml");

  private ConfigFiles() {}

  /** The nearest config file from {@code start} up to its repository's root; empty when there is none. */
  public static Optional<Path> nearest(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    if (!insideRepository(dir)) {
      return in(dir);
    }
    for (Path up = dir; up != null; up = up.getParent()) {
      Optional<Path> found = in(up);
      if (found.isPresent() || isRepositoryRoot(up)) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> in(Path dir) {
    List<Path> found = NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
    if (found.size() > 1) {
      throw CrossbatchException.usage("both crossbatch.yml and crossbatch.yaml in " + dir + "; which one is the config is unclear",
          "keep one of them, or name it with --config");
    }
    return found.stream().findFirst();
  }

  private static boolean insideRepository(Path dir) {
    return repositoryRoot(dir).isPresent();
  }

  /** The root of the git repository around {@code start} (the nearest folder with .git), as the search for the config sees it. */
  public static Optional<Path> repositoryRoot(Path start) {
    for (Path up = start.toAbsolutePath().normalize(); up != null; up = up.getParent()) {
      if (isRepositoryRoot(up)) {
        return Optional.of(up);
      }
    }
    return Optional.empty();
  }

  /** A folder with {@code .git} in it: a repository's root (a folder), or a worktree's or submodule's (a file). */
  private static boolean isRepositoryRoot(Path dir) {
    return Files.exists(dir.resolve(".git"));
  }
}
