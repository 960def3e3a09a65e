package dev.crossbatch.core.local;

import dev.crossbatch.core.io.Trees;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A buildspec's {@code cache.paths} on this machine, as CodeBuild's local custom cache keeps them:
 * folders of the source saved when a build succeeds and put back before the next build of the same
 * identifier runs its commands. Only folders inside the source are kept: a path elsewhere on this
 * machine ({@code /root/.m2}) belongs to the user, not to the build, and is said once to be left alone.
 */
final class LocalCache {
  private final Path dir;
  private final List<String> folders = new ArrayList<>();

  /**
   * @param dir where this identifier's cache lives ({@code .crossbatch/cache/custom/IDENTIFIER})
   * @param notices where "not cached here" is said, once per path
   */
  LocalCache(Path dir, List<String> paths, Consumer<String> notices) {
    this.dir = dir;
    for (String path : paths) {
      Optional<String> folder = folder(path);
      if (folder.isPresent()) {
        folders.add(folder.get());
      } else {
        notices.accept("cache path '" + path + "' is not a folder inside the source; a local build does not cache it");
      }
    }
  }

  /**
   * The folder a cache path names, relative to the source: CodeBuild caches folders, written as
   * {@code node_modules/**}{@code /*}, {@code vendor/**} or {@code vendor}; empty for an absolute path, one
   * that climbs out, or a glob inside a name.
   */
  static Optional<String> folder(String path) {
    String folder = path.trim().replaceFirst("(/\\*\\*)?(/\\*)?/?$", "");
    if (folder.isEmpty() || folder.startsWith("/") || folder.startsWith("~") || folder.contains("$") || Glob.escapes(folder)
        || folder.matches(".*[*?\\[{].*")) {
      return Optional.empty();
    }
    return Optional.of(folder);
  }

  /** Puts the saved folders back into the fresh source; says how many in the log. */
  void restore(Path src, BuildLog log) throws IOException {
    int restored = 0;
    for (String folder : folders) {
      Path saved = dir.resolve(folder);
      if (Files.isDirectory(saved, LinkOption.NOFOLLOW_LINKS)) {
        copyTree(saved, src.resolve(folder));
        restored++;
      }
    }
    if (!folders.isEmpty()) {
      log.container(restored == 0 ? "No local cache to restore yet" : "Restored " + restored + " cached folder(s) from " + dir);
    }
  }

  /** Replaces the saved folders with the build's, each through a fresh copy beside it. */
  void save(Path src, BuildLog log) throws IOException {
    int saved = 0;
    for (String folder : folders) {
      Path built = src.resolve(folder);
      if (!Files.isDirectory(built, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Path target = dir.resolve(folder);
      Path fresh = target.resolveSibling(target.getFileName() + ".saving");
      Trees.deleteQuietly(fresh);
      copyTree(built, fresh);
      Trees.deleteQuietly(target);
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
      saved++;
    }
    if (saved > 0) {
      log.container("Saved " + saved + " cached folder(s) to " + dir);
    }
  }

  /** Regular files and folders only: a link in a cache could point anywhere on this machine. */
  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(d).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
