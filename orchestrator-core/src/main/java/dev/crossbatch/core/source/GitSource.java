package dev.crossbatch.core.source;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.io.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The source of a local batch: the git repository holding crossbatch.yml. A build gets a clean
 * snapshot of one commit (the config's folder, which is its source root), never the live tree.
 */
public final class GitSource {
  private final Path root;
  private final String folder;
  private final String objects;
  private String origin;

  private GitSource(Path root, String folder, String objects) {
    this.root = root;
    this.folder = folder;
    this.objects = objects;
  }

  /**
   * The repository that holds {@code dir}; a clear error outside one. One git process finds its top
   * and its object folder (the common one of a worktree, relative to {@code dir} as git prints it).
   */
  public static GitSource locate(Path dir) {
    Result top = git(dir, List.of("rev-parse", "--show-toplevel", "--git-common-dir"));
    List<String> lines = top.out().lines().toList();
    if (top.exit() != 0 || lines.size() != 2) {
      throw CrossbatchException.usage(dir + " is not in a git repository; local builds run on a snapshot of a commit",
          "run 'git init && git add -A && git commit -m initial' there, then try again");
    }
    try {
      Path real = dir.toRealPath();
      Path root = Path.of(lines.get(0)).toRealPath();
      String folder = root.relativize(real).toString().replace('\\', '/');
      return new GitSource(root, folder, real.resolve(lines.get(1)).resolve("objects").normalize().toString());
    } catch (IOException e) {
      throw CrossbatchException.usage("cannot resolve " + dir + ": " + e.getMessage(), "check the folder exists");
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The folder of {@code dir} inside its repository ("" at the root or outside any), found as git
   * finds the top: the nearest folder above holding {@code .git} (a folder, or a file in a worktree
   * or submodule). No git needed, so generating files works anywhere; it agrees with {@link #locate}.
   */
  public static String folderOf(Path dir) {
    Path start = Trees.real(dir);
    return topOf(dir).map(top -> top.relativize(start).toString().replace('\\', '/')).orElse("");
  }

  /** The top folder of the repository holding {@code dir}, found as {@link #folderOf} finds it; empty outside one. */
  public static Optional<Path> topOf(Path dir) {
    for (Path p = Trees.real(dir); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The config's folder inside the repository ("" at its root). */
  public String folder() {
    return folder;
  }

  /** The full SHA of {@code ref} (HEAD when null). */
  public String resolve(String ref) {
    String name = ref == null ? "HEAD" : ref;
    Result sha = git(root, List.of("rev-parse", "--verify", "--quiet", name + "^{commit}"));
    if (sha.exit() != 0) {
      throw ref == null
          ? CrossbatchException.usage("the repository " + root + " has no commit yet", "commit your files first: git add -A && git commit -m initial")
          : CrossbatchException.usage("'" + ref + "' is not a commit in " + root, "give a branch, tag or SHA that exists (git log --oneline)");
    }
    return sha.out().trim();
  }

  /** The full SHA of {@code ref} if this clone knows it (a remote-only branch or a PR ref it may not). */
  public Optional<String> find(String ref) {
    Result sha = git(root, List.of("rev-parse", "--verify", "--quiet", ref + "^{commit}"));
    return sha.exit() == 0 ? Optional.of(sha.out().trim()) : Optional.empty();
  }

  /**
   * Whether a remote-tracking branch holds the commit, as far as this clone knows (it may be
   * behind the remote); a repository without remotes counts as not pushed.
   */
  public boolean onRemoteBranch(String sha) {
    Result branches = git(root, List.of("branch", "--remotes", "--contains", sha));
    return branches.exit() == 0 && !branches.out().isBlank();
  }

  /** What a commit would leave out: the changed and untracked files under the config's folder. */
  public record Changes(List<String> files) {
    public Changes {
      files = List.copyOf(files);
    }

    public boolean isEmpty() {
      return files.isEmpty();
    }

    /** The first five, and how many more: short enough for one line of an error. */
    public String summary() {
      return String.join(", ", files.subList(0, Math.min(5, files.size()))) + (files.size() > 5 ? " and " + (files.size() - 5) + " more" : "");
    }
  }

  /**
   * The one check of the working tree: changed or untracked files under the config's folder, other
   * than {@code ignored} (paths relative to it, crossbatch's own files: see {@code Layout.ownFiles}).
   */
  public Changes uncommitted(List<String> ignored) {
    return new Changes(dirtyFiles(ignored));
  }

  private List<String> dirtyFiles(List<String> ignored) {
    List<String> args = new ArrayList<>(List.of("status", "--porcelain", "--untracked-files=normal", "--", folder.isEmpty() ? "." : folder));
    for (String path : ignored) {
      args.add(":(exclude)" + (folder.isEmpty() ? path : folder + "/" + path));
    }
    Result status = git(root, args);
    return status.out().lines().filter(l -> !l.isBlank()).map(l -> l.substring(3)).toList();
  }

  /** The commit's time, in epoch milliseconds: the fixed time of every zip entry. */
  public long commitTime(String sha) {
    return Long.parseLong(require(List.of("show", "-s", "--format=%ct", sha)).trim()) * 1000;
  }

  /** The version to stamp: the nearest tag (git describe), else the short SHA. */
  public String describe(String sha) {
    Result described = git(root, List.of("describe", "--tags", "--always", sha));
    return described.exit() == 0 ? described.out().trim() : Commit.abbreviate(sha);
  }

  /** This repository's object folder (the common one of a worktree): what a snapshot borrows its objects from ({@link SourceSnapshot}). */
  String objects() {
    return objects;
  }

  /**
   * The URL of this repository's remote origin, empty when it has none, asked of git once: what
   * each build's snapshot names as its origin ({@link SourceSnapshot}), as CodeBuild's clone does.
   */
  public synchronized String origin() {
    if (origin == null) {
      origin = git(root, List.of("config", "--get", "remote.origin.url")).out().trim();
    }
    return origin;
  }

  String require(List<String> args) {
    Result result = git(root, args);
    if (result.exit() != 0) {
      throw new CrossbatchException(ErrorKind.USAGE, "git " + String.join(" ", args) + " failed in " + root + ": " + result.err().trim(),
          "check the repository with 'git status'");
    }
    return result.out();
  }

  public record Result(int exit, String out, String err) {}

  public static Result git(Path dir, List<String> args) {
    return git(dir, args, Map.of());
  }

  /** git with {@code environment} added to this process's. */
  static Result git(Path dir, List<String> args, Map<String, String> environment) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    try {
      Process process = builder.start();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
      String out = drain(process.getInputStream());
      process.waitFor();
      return new Result(process.exitValue(), out, err.join());
    } catch (IOException e) {
      throw CrossbatchException.usage("git is not installed (" + e.getMessage() + ")", "install it: apt-get install -y git");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrossbatchException(ErrorKind.INTERRUPTED, "interrupted while running git", null);
    }
  }

  static String drain(InputStream in) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
