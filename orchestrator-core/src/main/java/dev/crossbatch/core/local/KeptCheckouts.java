package dev.crossbatch.core.local;

import dev.crossbatch.core.source.GitSource;
import dev.crossbatch.core.source.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The checkout each build identifier leaves for the next local batch, in
 * {@code .crossbatch/checkouts/IDENTIFIER}: a build takes it (one rename), brings it to its commit
 * (only what differs is written, what the last build changed or left is undone: {@link SourceSnapshot})
 * and gives it back when it ends. Writing a whole tree per build costs more than the build on a real
 * project (docs/benchmarks.md). A folder is only ever one build's: a second build of the same
 * identifier at once finds none and checks out afresh, and a build that ends when one is kept
 * again deletes its own.
 */
final class KeptCheckouts {
  private final Path dir;

  KeptCheckouts(Path dir) {
    this.dir = dir;
  }

  /** The source of a build of {@code identifier} at {@code sha}: the kept checkout when there is one. */
  LocalBuild.Source of(GitSource source, String sha, String identifier) {
    return new LocalBuild.Source() {
      @Override
      public void export(Path dest) {
        take(identifier, dest);
        SourceSnapshot.ofCommit(source, sha, dest);
      }

      @Override
      public void keep(Path dest) {
        KeptCheckouts.this.keep(identifier, dest);
      }
    };
  }

  /** Moves the kept checkout into {@code dest} (absent or an empty folder); false when none is kept or another build has it. */
  boolean take(String identifier, Path dest) {
    Path kept = dir.resolve(identifier);
    if (!Files.isDirectory(kept, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      Files.deleteIfExists(dest);
      Files.move(kept, dest, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      try { // taken meanwhile, or cannot be moved here: a fresh checkout into dest, as without one
        Files.createDirectories(dest);
      } catch (IOException ignored) {
        // the checkout says what is wrong with dest
      }
      return false;
    }
  }

  /** Keeps {@code src} as the checkout of {@code identifier} unless one is kept already; what is not kept stays for the caller to delete. */
  boolean keep(String identifier, Path src) {
    if (!Files.isDirectory(src.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      Files.createDirectories(dir);
      Path kept = dir.resolve(identifier);
      if (Files.exists(kept, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Files.move(src, kept, StandardCopyOption.ATOMIC_MOVE); // fails if another build kept one meanwhile
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
