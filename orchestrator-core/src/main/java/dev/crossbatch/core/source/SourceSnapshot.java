package dev.crossbatch.core.source;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.io.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The source of one local build, as CodeBuild checks a Git source out for every build: the whole
 * repository at the commit (or the working tree with --allow-dirty), and a git repository of its own.
 */
public final class SourceSnapshot {
  private final GitSource source;

  private SourceSnapshot(GitSource source) {
    this.source = source;
  }

  /**
   * The commit's tree in {@code dest}, a repository at {@code sha}. When {@code dest} holds an
   * earlier snapshot of this repository (kept from a previous build), it is brought to the commit as
   * {@code git reset --hard} and {@code git clean -ffdx} would: only what differs is written, what a
   * build changed or left is undone, its own repository made anew. Anything that goes wrong on the
   * way gives a fresh snapshot instead.
   */
  public static void ofCommit(GitSource source, String sha, Path dest) {
    SourceSnapshot snapshot = new SourceSnapshot(source);
    if (Files.isRegularFile(dest.resolve(".git/index"), LinkOption.NOFOLLOW_LINKS)) {
      try {
        snapshot.update(sha, dest);
        return;
      } catch (CrossbatchException | IOException e) {
        putAside(dest, e);
      }
    } else if (!isEmpty(dest)) {
      putAside(dest, new IOException("it has no index")); // a checkout that never finished, or a build removed it
    }
    snapshot.attach(sha, dest);
    snapshot.checkout(sha, dest);
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return true; // absent: the checkout makes it
    }
  }

  /**
   * Moves a kept snapshot that could not be brought up to date out of the way, whatever it holds: a
   * rename needs no right to its contents, which a build may have left undeletable (Go's read-only
   * module cache, `git clean`'s "Permission denied"). What cannot be deleted stays beside it, in the
   * build's folder, which goes when the build ends.
   */
  private static void putAside(Path dest, Exception why) {
    Path aside = dest.resolveSibling(dest.getFileName() + ".stale");
    try {
      Trees.deleteQuietly(aside);
      Files.move(dest, aside);
      Files.createDirectories(dest);
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.USAGE, "cannot bring the kept checkout " + dest + " to the commit (" + why.getMessage()
          + ") nor move it aside: " + e.getMessage(), "delete it: rm -rf " + dest, e);
    }
    Trees.deleteQuietly(aside);
  }

  /** An earlier snapshot brought to {@code sha}: its index kept (the files' stat data), everything else of its repository new. */
  private void update(String sha, Path dest) throws IOException {
    Path git = dest.resolve(".git");
    Path index = dest.resolveSibling(dest.getFileName() + ".index");
    Files.move(git.resolve("index"), index, StandardCopyOption.REPLACE_EXISTING);
    Trees.delete(git);
    attach(sha, dest);
    Files.move(index, git.resolve("index"));
    checkout(sha, dest);
    // the snapshot's own repository named outright: git must never look further up for one
    GitSource.Result clean = GitSource.git(dest, List.of("--git-dir=" + git.toAbsolutePath(), "--work-tree=" + dest.toAbsolutePath(),
        "-c", "core.sparseCheckout=false", "clean", "-ffdxq"));
    if (clean.exit() != 0) {
      throw new IOException("git clean failed: " + clean.err().trim());
    }
  }

  /** --allow-dirty: the working tree's files in {@code dest}, a repository at {@code sha} whose changes git shows. */
  public static void ofWorkingTree(GitSource source, String sha, Path dest) {
    SourceSnapshot snapshot = new SourceSnapshot(source);
    snapshot.exportWorkingTree(dest);
    snapshot.attach(sha, dest);
    GitSource.Result index = GitSource.git(dest, List.of("read-tree", sha));
    if (index.exit() != 0) {
      throw new CrossbatchException(ErrorKind.USAGE, "git read-tree " + sha + " failed in the snapshot: " + index.err().trim(),
          "check the repository with 'git fsck'");
    }
  }

  /**
   * Writes the commit's tree into {@code dest} and its index into the snapshot's own, as a clone's
   * checkout does: git itself writes the files (178 ms for a real project's 2242 files against
   * 262-408 ms when crossbatch extracted {@code git archive}'s tar, docs/benchmarks.md) and the index
   * gets their stat data, so git in the build need not hash every file again. Run in this
   * repository, so that its attributes and filters apply as they do to its own checkouts, with an
   * index of the snapshot's (this repository's is never read or locked) and sparse checkout off (the
   * snapshot is the whole repository, as CodeBuild's clone).
   */
  private void checkout(String sha, Path dest) {
    Path root = dest.toAbsolutePath().normalize();
    GitSource.Result written = GitSource.git(source.root(),
        List.of("-c", "core.sparseCheckout=false", "--work-tree=" + root, "read-tree", "--reset", "-u", sha),
        Map.of("GIT_INDEX_FILE", root.resolve(".git/index").toString()));
    if (written.exit() != 0) {
      throw new CrossbatchException(ErrorKind.USAGE, "cannot check " + sha + " out into " + dest + ": " + written.err().trim(),
          "check free disk space and the repository with 'git fsck'");
    }
  }

  /**
   * Makes the snapshot in {@code dest} a git repository of its own at {@code sha}, as CodeBuild's
   * clone of a Git source is: HEAD detached at the commit, its index, origin's URL. Its objects are
   * borrowed from this repository (git's alternates), so nothing is copied; git commands in a build
   * (and Go's VCS stamping) see the snapshot and never climb to this repository's working tree.
   * Its index comes after: the commit's ({@link #checkout}) or the working tree's base.
   */
  private void attach(String sha, Path dest) {
    try {
      Path git = Files.createDirectories(dest.resolve(".git"));
      Files.createDirectories(git.resolve("refs/heads"));
      Files.createDirectories(git.resolve("refs/tags"));
      Files.createDirectories(git.resolve("objects/info"));
      Files.writeString(git.resolve("objects/info/alternates"), source.objects() + "\n");
      Files.writeString(git.resolve("HEAD"), sha + "\n");
      String origin = source.origin();
      Files.writeString(git.resolve("config"), "[core]\n\trepositoryformatversion = 0\n\tbare = false\n"
          + (origin.isEmpty() || origin.contains("\n") || origin.contains("\"") ? "" : "[remote \"origin\"]\n\turl = \"" + origin + "\"\n"));
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.USAGE, "cannot make " + dest + " a git repository: " + e.getMessage(), "check free disk space", e);
    }
  }

  /** --allow-dirty: copies the working tree's tracked and untracked (not ignored) files, the whole repository as {@link #export} does. */
  private void exportWorkingTree(Path dest) {
    String files = source.require(List.of("ls-files", "-z", "--cached", "--others", "--exclude-standard"));
    Path base = source.root();
    try {
      for (String name : files.split("\0")) {
        if (name.isEmpty()) {
          continue;
        }
        Path file = base.resolve(name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          continue; // deleted in the working tree
        }
        Path target = dest.resolve(base.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      }
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.USAGE, "cannot copy the working tree into " + dest + ": " + e.getMessage(), "check free disk space", e);
    }
  }
}
