package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BatchPlan;
import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BuildPhase;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.PhaseRecord;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.batch.Status;
import dev.crossbatch.core.buildspec.Buildspec;
import dev.crossbatch.core.buildspec.BuildspecGenerator;
import dev.crossbatch.core.buildspec.BuildspecReader;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.source.Commit;
import dev.crossbatch.core.source.GitSource;
import dev.crossbatch.core.template.CloudFormationGenerator;
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

/**
 * Plans a local batch before anything runs: the source checked (commit, uncommitted changes), the
 * buildspec read and expanded, the builds selected, the version and the parallelism chosen.
 * Problems are errors here, not failed builds later.
 */
final class LocalPlanner {
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
    boolean dirty = false;
    if (request.sourceVersion() == null) {
      GitSource.Changes changed = source.uncommitted(Layout.of(config).ownFiles(List.of(Layout.BUILDSPEC, Layout.TEST_BUILDSPEC)));
      if (!changed.isEmpty() && !request.allowDirty()) {
        throw CrossbatchException.usage("the working tree has uncommitted changes: " + changed.summary(),
            "commit them (builds run on a snapshot of the commit), or pass --allow-dirty to build the files as they are");
      }
      dirty = !changed.isEmpty();
    }
    Buildspec buildspec = BuildspecReader.read(request.buildspec(), BuildspecGenerator.BUILDSPEC);
    List<PlannedBuild> plan = select(BatchPlan.expand(buildspec), request.only());
    Map<String, Buildspec> buildspecs = new HashMap<>();
    for (PlannedBuild build : plan) {
      if (build.buildspec() != null && !buildspecs.containsKey(build.buildspec())) {
        buildspecs.put(build.buildspec(), BuildspecReader.read(taskBuildspec(request, source, commit, build.buildspec()), build.buildspec()));
      }
    }
    refuseRemoteVariables(request, buildspec, buildspecs, plan);
    String project = CloudFormationGenerator.projectName(config);
    String id = project + ":" + UUID.randomUUID();
    String version = source.describe(commit) + (dirty ? "-dirty" : "");
    BuildRun downloadSource = downloadSource(id, now, commit);
    int parallelism = request.parallelism() > 0 ? request.parallelism()
        : config.local().parallelism() > 0 ? config.local().parallelism() : LocalBuildService.defaultParallelism(cores);
    LocalBatch batch = new LocalBatch(id, project, request.sourceVersion() == null ? "" : request.sourceVersion(),
        commit, version, dirty, downloadSource, plan, buildspec.batch() != null && buildspec.batch().fastFail(), parallelism);
    Map<String, Buildspec> all = new HashMap<>(buildspecs);
    all.put("", buildspec);
    return new LocalBuildService.Prepared(request, batch, all, source, source.commitTime(commit));
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
          missing.putIfAbsent(name, (build.buildspec() == null ? BuildspecGenerator.BUILDSPEC : build.buildspec()) + " reads " + name + " from " + from);
        }
      });
    }
    if (!missing.isEmpty()) {
      throw CrossbatchException.usage(String.join("; ", missing.values()) + ": a local build cannot read " + (missing.size() == 1 ? "it" : "them")
          + " (no AWS calls from builds here)",
          "pass " + String.join(" ", missing.keySet().stream().map(n -> "--env " + n + "=...").toList()));
    }
  }

  private static String taskBuildspec(BatchRequest request, GitSource source, String commit, String path) {
    String given = request.buildspecs().get(path);
    if (given != null) {
      return given;
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
