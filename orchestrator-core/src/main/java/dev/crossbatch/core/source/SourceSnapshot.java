package dev.crossbatch.core.source;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The source of one local build, as CodeBuild checks a Git source out for every build: the whole
 * repository at the commit (or the working tree with --allow-dirty), and a git repository of its own.
 */
public final class SourceSnapshot {
  private final GitSource source;

  private SourceSnapshot(GitSource source) {
    this.source = source;
  }

  /** The commit's tree in {@code dest}, a repository at {@code sha}. */
  public static void ofCommit(GitSource source, String sha, Path dest) {
    SourceSnapshot snapshot = new SourceSnapshot(source);
    snapshot.export(sha, dest);
    snapshot.attach(sha, dest);
  }

  /** --allow-dirty: the working tree's files in {@code dest}, a repository at {@code sha} whose changes git shows. */
  public static void ofWorkingTree(GitSource source, String sha, Path dest) {
    SourceSnapshot snapshot = new SourceSnapshot(source);
    snapshot.exportWorkingTree(dest);
    snapshot.attach(sha, dest);
  }

  /** Extracts the commit's tree into {@code dest}: the whole repository, as CodeBuild checks it out for every build. */
  private void export(String sha, Path dest) {
    String tree = sha;
    ProcessBuilder builder = new ProcessBuilder("git", "archive", "--format=tar", tree).directory(source.root().toFile());
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    try {
      Process process = builder.start();
      CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> GitSource.drain(process.getErrorStream()));
      try (TarArchiveInputStream tar = new TarArchiveInputStream(process.getInputStream())) {
        extract(tar, dest);
      }
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new CrossbatchException(ErrorKind.USAGE, "git archive " + tree + " failed: " + errors.join().trim(), "check the repository with 'git fsck'");
      }
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.USAGE, "cannot snapshot " + tree + " into " + dest + ": " + e.getMessage(), "check free disk space", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrossbatchException(ErrorKind.INTERRUPTED, "interrupted while snapshotting the source", null);
    }
  }

  /**
   * Makes the snapshot in {@code dest} a git repository of its own at {@code sha}, as CodeBuild's
   * clone of a Git source is: HEAD detached at the commit, its index, origin's URL. Its objects are
   * borrowed from this repository (git's alternates), so nothing is copied; git commands in a build
   * (and Go's VCS stamping) see the snapshot and never climb to this repository's working tree.
   */
  private void attach(String sha, Path dest) {
    try {
      Path git = Files.createDirectories(dest.resolve(".git"));
      Files.createDirectories(git.resolve("refs/heads"));
      Files.createDirectories(git.resolve("refs/tags"));
      Files.createDirectories(git.resolve("objects/info"));
      Files.writeString(git.resolve("objects/info/alternates"), source.objects() + "\n");
      Files.writeString(git.resolve("HEAD"), sha + "\n");
      String origin = GitSource.git(source.root(), List.of("config", "--get", "remote.origin.url")).out().trim();
      Files.writeString(git.resolve("config"), "[core]\n\trepositoryformatversion = 0\n\tbare = false\n"
          + (origin.isEmpty() || origin.contains("\n") || origin.contains("\"") ? "" : "[remote \"origin\"]\n\turl = \"" + origin + "\"\n"));
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.USAGE, "cannot make " + dest + " a git repository: " + e.getMessage(), "check free disk space", e);
    }
    GitSource.Result index = GitSource.git(dest, List.of("read-tree", sha));
    if (index.exit() != 0) {
      throw new CrossbatchException(ErrorKind.USAGE, "git read-tree " + sha + " failed in the snapshot: " + index.err().trim(),
          "check the repository with 'git fsck'");
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

  private static void extract(TarArchiveInputStream tar, Path dest) throws IOException {
    TarArchiveEntry entry;
    Path base = dest.toAbsolutePath().normalize();
    while ((entry = tar.getNextEntry()) != null) {
      if (entry.isGlobalPaxHeader() || entry.getName().isEmpty()) {
        continue;
      }
      Path target = base.resolve(entry.getName()).normalize();
      if (!target.startsWith(base)) {
        throw new IOException("archive entry '" + entry.getName() + "' leaves the snapshot folder");
      }
      if (entry.isDirectory()) {
        Files.createDirectories(target);
      } else if (entry.isSymbolicLink()) {
        Files.createDirectories(target.getParent());
        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
      } else {
        Files.createDirectories(target.getParent());
        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        boolean executable = (entry.getMode() & 0100) != 0;
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }
}
