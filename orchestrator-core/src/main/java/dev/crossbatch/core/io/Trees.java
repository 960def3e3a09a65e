package dev.crossbatch.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders crossbatch made and removes again (workspaces, staging folders), and where a path really is. */
public final class Trees {
  private Trees() {}

  /** {@code path} with its links resolved; absolute and normalized as it is when it does not exist (yet). */
  public static Path real(Path path) {
    try {
      return path.toAbsolutePath().toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** Deletes {@code path} and, for a folder, everything in it; a link is removed, never followed. */
  public static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Deletes {@code dir} and everything in it, as far as it can: a file that cannot go (a read-only
   * one a build left, like Go's module cache) stays, and so do its folders. Links are removed,
   * never followed.
   */
  public static void deleteQuietly(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // what cannot be deleted stays; nothing reads a workspace once its build ended
        }
      });
    } catch (IOException e) {
      // the same
    }
  }
}
