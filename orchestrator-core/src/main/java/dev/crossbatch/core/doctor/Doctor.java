package dev.crossbatch.core.doctor;

import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.golang.GoModule;
import dev.crossbatch.core.release.ToolVersions;
import dev.crossbatch.core.source.GitSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * crossbatch doctor: whether this machine and account can release, each thing a release needs
 * checked and, when it is not there, what to do. Like goreleaser healthcheck, for the whole path:
 * git and a commit, the config, Go and Java, then for CodeBuild the credentials, the region, the
 * project and the bucket, and the local cache and disk.
 */
public final class Doctor {
  /** Below this a release's archives may not fit; a warning up to {@link #ROOMY}. */
  static final long TIGHT = 200L * 1024 * 1024;
  static final long ROOMY = 1024L * 1024 * 1024;
  private static final Pattern GO_VERSION = Pattern.compile("go(1)\\.(\\d+)(?:\\.(\\d+))?");

  /**
   * @param config crossbatch.yml, read when asked (it may throw, and is then reported)
   * @param aws the AWS probe for a config naming a CodeBuild project
   */
  public record Request(Path workDir, Supplier<ProjectConfig> config, Function<ProjectConfig, AwsProbe> aws) {}

  private Doctor() {}

  public static List<Check> run(Request request) {
    List<Check> checks = new ArrayList<>();
    git(request.workDir(), checks);
    ProjectConfig config = null;
    try {
      config = request.config().get();
      checks.add(Check.ok("config", config.file().getFileName() + ": " + config.name() + " for " + config.platforms().size()
          + (config.platforms().size() == 1 ? " platform" : " platforms")));
    } catch (CrossbatchException e) {
      checks.add(Check.fail("config", e.getMessage(), e.hint().orElse("fix crossbatch.yml: crossbatch validate shows every problem")));
    }
    boolean codebuild = config != null && config.codebuild().project() != null;
    go(config, codebuild, checks);
    int java = Runtime.version().feature();
    checks.add(java >= 17 ? Check.ok("java", "Java " + Runtime.version())
        : Check.fail("java", "Java " + Runtime.version(), "crossbatch needs Java 17 or newer: set JAVA_HOME to one"));
    if (codebuild) {
      aws(config, request.aws().apply(config), checks);
    }
    if (config != null) {
      cache(config, checks);
      disk(config, checks);
    }
    return List.copyOf(checks);
  }

  public static boolean healthy(List<Check> checks) {
    return checks.stream().noneMatch(c -> c.state() == Check.State.FAIL);
  }

  private static void git(Path dir, List<Check> checks) {
    Optional<String> version = ToolVersions.version("git", "--version");
    if (version.isEmpty()) {
      checks.add(Check.fail("git", "git is not installed", "install git: releases are made of commits"));
      return;
    }
    checks.add(Check.ok("git", version.get().replaceFirst("^git version ", "git ")));
    Optional<Path> root = GitSource.topOf(dir);
    if (root.isEmpty()) {
      checks.add(Check.fail("commit", dir + " is not in a git repository", "run from a clone, or: git init && git add -A && git commit -m initial"));
      return;
    }
    GitSource.Result head = GitSource.git(dir, List.of("rev-parse", "--verify", "--short=7", "HEAD"));
    if (head.exit() != 0) {
      checks.add(Check.fail("commit", "the repository at " + root.get() + " has no commit yet", "commit your work: git add -A && git commit"));
      return;
    }
    GitSource.Result status = GitSource.git(dir, List.of("status", "--porcelain", "--untracked-files=no"));
    checks.add(status.out().isBlank() ? Check.ok("commit", head.out().trim() + ", nothing uncommitted")
        : Check.warn("commit", head.out().trim() + " with uncommitted changes",
            "commit them: a release builds the commit, and refuses changes it would leave out unless --allow-dirty"));
  }

  private static void go(ProjectConfig config, boolean codebuild, List<Check> checks) {
    if (config != null && !config.preset().isGo()) {
      return; // the generic preset and presets of one's own bring their own tools
    }
    Optional<String> version = ToolVersions.version("go", "version");
    if (version.isEmpty()) {
      String fix = "install Go (apt-get install -y golang-go, or go.dev/dl): local releases run go build";
      checks.add(codebuild ? Check.warn("go", "go is not on the PATH; CodeBuild brings its own", fix) : Check.fail("go", "go is not on the PATH", fix));
      return;
    }
    Matcher m = GO_VERSION.matcher(version.get());
    boolean parsed = m.find();
    String found = parsed ? m.group() : version.get();
    // local builds run the go on the PATH, so what counts here is go.mod's go line; crossbatch.yml's go is CodeBuild's runtime
    String module = config == null ? null : GoModule.read(config.dir()).map(GoModule::goVersion).orElse(null);
    Matcher wanted = module == null ? null : Pattern.compile("1\\.(\\d+)").matcher(module);
    String codebuildGo = config == null ? "" : " (CodeBuild installs Go " + config.goVersion() + ")";
    if (parsed && wanted != null && wanted.lookingAt() && Integer.parseInt(m.group(2)) < Integer.parseInt(wanted.group(1))) {
      checks.add(Check.warn("go", found + " here; go.mod asks for Go " + module + codebuildGo,
          "local builds use the go on the PATH: install Go " + module + " or newer, or release on CodeBuild"));
      return;
    }
    checks.add(Check.ok("go", found + (module == null ? "" : ", go.mod asks for " + module) + codebuildGo));
  }

  private static void aws(ProjectConfig config, AwsProbe aws, List<Check> checks) {
    try {
      checks.add(Check.ok("credentials", aws.credentials()));
    } catch (CrossbatchException e) {
      checks.add(Check.fail("credentials", e.getMessage(), e.hint().orElse(null)));
      return;
    }
    try {
      checks.add(Check.ok("region", aws.region()));
    } catch (CrossbatchException e) {
      checks.add(Check.fail("region", e.getMessage(), e.hint().orElse(null)));
      return;
    }
    String name = config.codebuild().project();
    try {
      AwsProbe.Project project = aws.project(name);
      if (!project.exists()) {
        checks.add(Check.fail("codebuild project", "no project " + name + " in " + aws.region(),
            "deploy templates/codebuild-project.yml (crossbatch generate writes it), or fix codebuild.project and codebuild.region"));
      } else if (project.batchRole() == null) {
        checks.add(Check.fail("codebuild project", name + " has batch builds off",
            "turn them on with a batch service role (the template's BuildBatchConfig does)"));
      } else {
        checks.add(Check.ok("codebuild project", name + ": batch builds on, run as " + shortRole(project.batchRole())
            + (project.serviceRole() == null ? "" : ", builds as " + shortRole(project.serviceRole()))));
      }
    } catch (CrossbatchException e) {
      checks.add(Check.fail("codebuild project", e.getMessage(), e.hint().orElse(null)));
    }
    String bucketName = config.codebuild().bucket();
    if (bucketName == null) {
      checks.add(Check.warn("bucket", "no codebuild.bucket: the stack names the bucket, and artifacts list/download need it",
          "set codebuild.bucket to the stack's BucketName output"));
      return;
    }
    try {
      AwsProbe.Bucket bucket = aws.bucket(bucketName);
      List<String> missing = new ArrayList<>();
      if (!bucket.versioned()) {
        missing.add("versioning is off: a release overwritten by mistake cannot be recovered");
      }
      if (bucket.encryption() == null) {
        missing.add("no default encryption");
      }
      checks.add(missing.isEmpty() ? Check.ok("bucket", bucketName + ": reachable, versioned, encrypted (" + bucket.encryption() + ")")
          : Check.warn("bucket", bucketName + ": reachable; " + String.join("; ", missing),
              "deploy the template's bucket, or turn on versioning and default encryption on " + bucketName));
    } catch (CrossbatchException e) {
      checks.add(Check.fail("bucket", e.getMessage(), e.hint().orElse(null)));
    }
  }

  private static void cache(ProjectConfig config, List<Check> checks) {
    Layout layout = Layout.of(config);
    Path state = layout.state();
    try {
      Files.createDirectories(state);
      Path probe = Files.createTempFile(state, "doctor", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      checks.add(Check.fail("cache", state + " cannot be written: " + e.getMessage(), "make it writable: local batches keep their logs and caches there"));
      return;
    }
    long warm = config.platforms().stream().filter(p -> Files.isDirectory(layout.goCache(p.identifier()))).count();
    if (!config.preset().isGo() || warm == config.platforms().size()) {
      checks.add(Check.ok("cache", state + (config.preset().isGo() ? ": a Go build cache for every platform" : "")));
    } else {
      checks.add(Check.warn("cache", state + ": a Go build cache for " + warm + " of " + config.platforms().size() + " platforms",
          "nothing to fix: the first local release of a platform builds Go's standard library for it (about 10 s each), later ones reuse it"));
    }
  }

  private static void disk(ProjectConfig config, List<Check> checks) {
    Path dist = Layout.of(config).outputDir().toAbsolutePath();
    Path existing = dist;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      long free = Files.getFileStore(existing).getUsableSpace();
      String detail = String.format("%.1f GiB free for %s", free / (1024.0 * 1024 * 1024), dist);
      checks.add(free >= ROOMY ? Check.ok("disk", detail) : free >= TIGHT ? Check.warn("disk", detail, "free some space: six archives with their SBOMs take tens of MiB")
          : Check.fail("disk", detail, "free space, or set local.output to a disk with room"));
    } catch (IOException | NullPointerException e) {
      checks.add(Check.warn("disk", "the free space for " + dist + " cannot be read", "check the disk holding it"));
    }
  }

  private static String shortRole(String arn) {
    int slash = arn.lastIndexOf('/');
    return slash < 0 ? arn : arn.substring(slash + 1);
  }
}
