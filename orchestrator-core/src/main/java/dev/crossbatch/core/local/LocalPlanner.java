package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BatchPlan;
import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BuildPhase;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.PhaseRecord;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.batch.Status;
import dev.crossbatch.core.buildspec.Buildspec;
import dev.crossbatch.core.buildspec.BuildspecReader;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.io.IoErrors;
import dev.crossbatch.core.io.OnOwnThread;
import dev.crossbatch.core.source.Commit;
import dev.crossbatch.core.source.GitSource;
import dev.crossbatch.core.template.CloudFormationGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Plans a local batch before anything runs: the source checked (commit, uncommitted changes), the
 * buildspec read and expanded, the builds selected, the version and the parallelism chosen.
 * Problems are errors here, not failed builds later.
 */
final class LocalPlanner {
  /** CodeBuild's limit for a buildspec override is 256 KiB; files larger than a MiB are not buildspecs. */
  private static final int MAX_BUILDSPEC = 1 << 20;

  private final ProjectConfig config;
  private final Clock clock;
  private final int cores;

  LocalPlanner(ProjectConfig config, Clock clock, int cores) {
    this.config = config;
    this.clock = clock;
    this.cores = cores;
  }

  /** Checks the source and the buildspec and plans the batch. */
  LocalBuildService.Prepared prepare(BatchRequest request) {
    Instant now = clock.instant();
    GitSource source = GitSource.locate(config.dir());
    String commit = source.resolve(request.sourceVersion());
    // git's answers about the commit, asked while the working tree is checked: each is a process
    // whose start the batch would otherwise wait for in turn (docs/benchmarks.md)
    CompletableFuture<String> described = OnOwnThread.ask("git-describe", () -> source.describe(commit));
    CompletableFuture<Long> committed = OnOwnThread.ask("git-commit-time", () -> source.commitTime(commit));
    // and the remote's URL, which each snapshot names as its origin: found now, not as the first build starts
    OnOwnThread.ask("git-origin", source::origin);
    boolean dirty = false;
    if (request.sourceVersion() == null) {
      // the buildspecs run are the ones given (generated, or the user's file read as it is now): their changes do not count
      List<String> given = config.ownBuildspec() ? List.of(request.buildspecName()) : List.of(Layout.BUILDSPEC, Layout.TEST_BUILDSPEC);
      GitSource.Changes changed = source.uncommitted(Layout.of(config).ownFiles(given));
      if (!changed.isEmpty() && !request.allowDirty()) {
        throw CrossbatchException.usage("the working tree has uncommitted changes: " + changed.summary(),
            "commit them (builds run on a snapshot of the commit), or pass --allow-dirty to build the files as they are");
      }
      dirty = !changed.isEmpty();
    }
    Buildspec buildspec = BuildspecReader.read(request.buildspec(), request.shown().apply(request.buildspecName()));
    List<PlannedBuild> plan = select(BatchPlan.expand(buildspec), request.only());
    Map<String, Buildspec> buildspecs = new HashMap<>();
    for (PlannedBuild build : plan) {
      if (build.buildspec() != null && !buildspecs.containsKey(build.buildspec())) {
        buildspecs.put(build.buildspec(), BuildspecReader.read(taskBuildspec(request, source, dirty ? null : commit, build.buildspec()),
            request.shown().apply(build.buildspec())));
      }
    }
    refuseRemoteVariables(request, buildspec, buildspecs, plan);
    String project = config.ownBuildspec() ? config.name() : CloudFormationGenerator.projectName(config);
    String id = project + ":" + UUID.randomUUID();
    String version = OnOwnThread.answer(described) + (dirty ? "-dirty" : "");
    BuildRun downloadSource = downloadSource(id, now, commit);
    int parallelism = request.parallelism() > 0 ? request.parallelism()
        : config.local().parallelism() > 0 ? config.local().parallelism() : LocalBuildService.defaultParallelism(cores);
    LocalBatch batch = new LocalBatch(id, project, request.sourceVersion() == null ? "" : request.sourceVersion(),
        commit, version, dirty, downloadSource, plan, buildspec.batch() != null && buildspec.batch().fastFail(), parallelism);
    Map<String, Buildspec> all = new HashMap<>(buildspecs);
    all.put("", buildspec);
    return new LocalBuildService.Prepared(request, batch, all, source, OnOwnThread.answer(committed));
  }

  /** The selected builds and every build they depend on; all of them when nothing is selected. */
  static List<PlannedBuild> select(List<PlannedBuild> plan, List<String> only) {
    if (only.isEmpty()) {
      return plan;
    }
    Map<String, PlannedBuild> byId = new LinkedHashMap<>();
    plan.forEach(b -> byId.put(b.identifier(), b));
    Set<String> wanted = new LinkedHashSet<>();
    List<String> queue = new ArrayList<>();
    for (String selector : only) {
      List<String> matches = plan.stream().filter(b -> b.identifier().equals(selector) || label(b).equals(selector)).map(PlannedBuild::identifier).toList();
      if (matches.isEmpty()) {
        throw CrossbatchException.usage("'" + selector + "' is not a build of this batch; it has: "
            + String.join(", ", plan.stream().map(LocalPlanner::label).toList()), "pass one of those with --platform");
      }
      queue.addAll(matches);
    }
    while (!queue.isEmpty()) {
      String id = queue.remove(0);
      if (wanted.add(id)) {
        queue.addAll(byId.get(id).dependsOn());
      }
    }
    return plan.stream().filter(b -> wanted.contains(b.identifier())).toList();
  }

  /**
   * What the builds ask of CodeBuild's environment (image, type, compute-type, fleet), said once for
   * the batch: each value with how many builds ask for it. Empty when none asks anything.
   */
  static java.util.Optional<String> askedEnvironment(List<PlannedBuild> plan) {
    Map<String, Map<String, Integer>> asked = new java.util.TreeMap<>();
    for (PlannedBuild build : plan) {
      build.environment().forEach((key, value) -> asked.computeIfAbsent(key, k -> new java.util.TreeMap<>()).merge(value, 1, Integer::sum));
    }
    if (asked.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    asked.forEach((key, values) -> values.forEach((value, count) -> parts.add(key + " " + value + " (" + count + (count == 1 ? " build)" : " builds)"))));
    return java.util.Optional.of("the batch asks for " + String.join(", ", parts) + "; every build runs on this machine, with its tools");
  }

  /** Commands that exist only in CodeBuild's images, for test splitting. */
  static final List<String> CODEBUILD_TOOLS = List.of("codebuild-tests-run", "codebuild-glob-search");

  /**
   * The buildspecs that call CodeBuild's test-splitting tools, said once: the docs do not define
   * them precisely enough to copy (which shard a build is, whether the files are still appended
   * when CODEBUILD_CURRENT_SHARD_FILES is used, the stability strategy's hash), so they are not
   * provided here and those commands fail as any missing tool does.
   */
  static java.util.Optional<String> codebuildTools(Map<String, Buildspec> buildspecs, String mainName) {
    Set<String> tools = new java.util.TreeSet<>();
    Set<String> files = new java.util.TreeSet<>();
    buildspecs.forEach((file, spec) -> spec.phases().forEach(phase -> java.util.stream.Stream.concat(phase.commands().stream(),
        phase.finallyCommands().stream()).forEach(command -> CODEBUILD_TOOLS.stream().filter(command::contains).forEach(tool -> {
          tools.add(tool);
          files.add(file.isEmpty() ? mainName : file);
        }))));
    if (tools.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(String.join(" and ", files) + " call" + (files.size() == 1 ? "s " : " ") + String.join(" and ", tools)
        + ", CodeBuild's test splitting, which its docs do not define precisely enough to copy; it is not on this machine, so those commands fail");
  }

  /** A build's platform (linux/amd64) when its variables say so, else its identifier. */
  static String label(PlannedBuild build) {
    return BuildRun.label(build.identifier(), build.variables());
  }

  /**
   * CodeBuild reads parameter-store and secrets-manager variables with the project's role; a local
   * build makes no AWS calls, so each must come with --env, or the batch does not start.
   */
  private static void refuseRemoteVariables(BatchRequest request, Buildspec main, Map<String, Buildspec> tasks, List<PlannedBuild> plan) {
    Map<String, String> missing = new java.util.LinkedHashMap<>();
    for (PlannedBuild build : plan) {
      Buildspec used = build.buildspec() == null ? main : tasks.get(build.buildspec());
      used.remoteVariables().forEach((name, from) -> {
        if (!request.environment().containsKey(name)) {
          missing.putIfAbsent(name, request.shown().apply(build.buildspec() == null ? request.buildspecName() : build.buildspec()) + " reads " + name
              + " from " + from);
        }
      });
    }
    if (!missing.isEmpty()) {
      throw CrossbatchException.usage(String.join("; ", missing.values()) + ": a local build cannot read " + (missing.size() == 1 ? "it" : "them")
          + " (no AWS calls from builds here)",
          "pass " + String.join(" ", missing.keySet().stream().map(n -> "--env " + n + "=...").toList()));
    }
  }

  /**
   * A task's buildspec file: given with the request (generated), else from the commit, or from the
   * working tree when {@code commit} is null (--allow-dirty builds the files as they are).
   */
  private static String taskBuildspec(BatchRequest request, GitSource source, String commit, String path) {
    String given = request.buildspecs().get(path);
    if (given != null) {
      return given;
    }
    if (commit == null) {
      Path file = source.root().resolve(path).normalize();
      if (!file.startsWith(source.root()) || !Files.isRegularFile(file)) {
        throw CrossbatchException.usage("the batch names buildspec '" + path + "', which is not in " + source.root(),
            "fix the path (it is relative to the repository's root, as CodeBuild reads it)");
      }
      try {
        return BoundedFiles.readString(file, MAX_BUILDSPEC);
      } catch (IOException e) {
        throw CrossbatchException.usage("cannot read buildspec " + path + ": " + IoErrors.reason(e), "check that the file is readable and under a MiB");
      }
    }
    // as CodeBuild reads it: relative to the repository's root, where every build starts
    GitSource.Result shown = GitSource.git(source.root(), List.of("show", commit + ":" + path));
    if (shown.exit() != 0) {
      throw CrossbatchException.usage("the batch names buildspec '" + path + "', which is not in commit " + Commit.abbreviate(commit),
          "commit that file, or fix the path (it is relative to the repository's root, as CodeBuild reads it)");
    }
    return shown.out();
  }

  private static BuildRun downloadSource(String batchId, Instant now, String commit) {
    List<PhaseRecord> phases = List.of(
        new PhaseRecord(BuildPhase.SUBMITTED.name(), Status.SUCCEEDED.name(), now, now, null),
        new PhaseRecord(BuildPhase.DOWNLOAD_SOURCE.name(), Status.SUCCEEDED.name(), now, now, null),
        new PhaseRecord(BuildPhase.COMPLETED.name(), null, now, null, null));
    return new BuildRun(BuildRun.DOWNLOAD_SOURCE, batchId.substring(0, batchId.indexOf(':')) + ":" + UUID.randomUUID(),
        Status.SUCCEEDED.name(), BuildPhase.COMPLETED.name(), now, now, 1, false, List.of(), Map.of(), phases, null,
        "resolved " + commit, null);
  }
}
