package dev.crossbatch.core.local;

import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.source.Commit;
import dev.crossbatch.core.batch.BatchMemory;
import dev.crossbatch.core.batch.BatchPlan;
import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildPhase;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.BuildService;
import dev.crossbatch.core.batch.LogChunk;
import dev.crossbatch.core.batch.PhaseRecord;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.batch.Status;
import dev.crossbatch.core.buildspec.Buildspec;
import dev.crossbatch.core.buildspec.BuildspecGenerator;
import dev.crossbatch.core.buildspec.BuildspecReader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.FileLock;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.io.Trees;
import dev.crossbatch.core.source.GitSource;
import dev.crossbatch.core.template.CloudFormationGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The local backend: runs a batch buildspec on this machine as CodeBuild would run it, each build
 * in its own snapshot of the commit, with the variables CodeBuild sets. State goes to
 * {@code .crossbatch/} next to crossbatch.yml (see {@link StateStore}).
 */
public final class LocalBuildService implements BuildService {
  /** Variables passed from this machine into builds; everything else stays out, as in a fresh build image. */
  static final Set<String> PASSED_THROUGH = Set.of(
      "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "SSH_AUTH_SOCK",
      "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
      "GOPATH", "GOCACHE", "GOMODCACHE", "GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB", "GOINSECURE",
      "JAVA_HOME", "CARGO_HOME", "RUSTUP_HOME");

  /** project:uuid, as CodeBuild names batches. */
  private static final java.util.regex.Pattern BATCH_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,254}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final ProjectConfig config;
  private final StateStore store;
  private final Map<String, String> host;
  private final Clock clock;
  private final Consumer<String> notices;
  private final Map<String, LocalBatchRunner> live = new ConcurrentHashMap<>();
  private final BatchRunners runners;
  private final int cores;

  /**
   * @param config the project; its folder holds the source and {@code .crossbatch/}
   * @param host this machine's environment (the caller reads it; core does not)
   * @param notices warnings for the user while builds run (a runtime at another version)
   */
  public LocalBuildService(ProjectConfig config, Map<String, String> host, Clock clock, Consumer<String> notices) {
    this(config, host, clock, notices, Runtime.getRuntime().availableProcessors());
  }

  LocalBuildService(ProjectConfig config, Map<String, String> host, Clock clock, Consumer<String> notices, int cores) {
    this.config = config;
    this.store = new StateStore(Layout.of(config).state());
    this.runners = new BatchRunners(store, clock);
    this.host = Map.copyOf(host);
    this.clock = clock;
    this.notices = once(notices);
    this.cores = cores;
  }

  /**
   * Builds at once when neither the flag nor the config says: one per core. Measured on 2 cores
   * (docs/benchmarks.md): a cold six-target release takes 35 s one at a time, 27-30 s two at a
   * time and 36-38 s with three or six (go build already uses every core); warm, two at a time
   * beat one at a time by a third.
   */
  public static int defaultParallelism(int cores) {
    return Math.max(1, cores);
  }

  /** Each warning once: every build of a batch finds the same Go on the PATH. */
  private static Consumer<String> once(Consumer<String> notices) {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    return notice -> {
      if (seen.add(notice.replaceFirst("^[A-Za-z0-9_]+: ", ""))) {
        notices.accept(notice.replaceFirst("^[A-Za-z0-9_]+: ", ""));
      }
    };
  }

  /**
   * Holds the output folder (local.output) while a batch writes its zips there, so that a second
   * run of this folder waits or is refused ({@link OutputLock}); held until closed.
   */
  public OutputLock lockOutput(String what, OutputLock.Waiting waiting) {
    return OutputLock.acquire(Layout.of(config).outputDir(), what, waiting);
  }

  /** Who holds the output folder now, if anyone does. */
  public Optional<String> outputHolder() {
    return OutputLock.holder(Layout.of(config).outputDir());
  }

  /** The batch started last from this config's folder. */
  @Override
  public Optional<String> lastBatch() {
    return store.memory().last();
  }

  /** Whether this folder ran the batch: its state is under {@code .crossbatch/}. */
  public boolean has(String batchId) {
    return BATCH_ID.matcher(batchId).matches() && store.exists(batchId);
  }

  /** Where the last batch is remembered: {@code .crossbatch/last-batch}. */
  public BatchMemory memory() {
    return store.memory();
  }

  /** Local batches are not retried in place: the message says how to run the failed platforms again. */
  @Override
  public BatchSnapshot retry(String batchId) {
    BatchSnapshot batch = describe(batchId);
    List<String> failed = batch.builds().stream().filter(b -> b.statusValue().isTerminal() && !b.succeeded()).map(BuildRun::label).toList();
    if (!batch.complete() || failed.isEmpty()) {
      throw CrossbatchException.usage("batch " + batchId + " is " + batch.status() + ": it has no failed build to retry",
          batch.complete() ? "nothing to do" : "wait for it to end: crossbatch watch " + batchId);
    }
    StringBuilder again = new StringBuilder("crossbatch start --local");
    failed.forEach(p -> again.append(" --platform ").append(p));
    if (!batch.sourceVersion().isEmpty()) {
      again.append(" --source-version ").append(batch.sourceVersion());
    }
    throw CrossbatchException.usage("a local batch is not retried in place (retry re-runs the failed builds of a CodeBuild batch)",
        "run its failed builds again: " + again);
  }

  @Override
  public List<BatchSnapshot> recent(int max) {
    return store.recent(max);
  }

  /** Reads the build's log file; the cursor is a byte offset. */
  @Override
  public LogChunk log(BuildRun build, String cursor) {
    if (build.log() == null) {
      return new LogChunk(List.of(), cursor, true);
    }
    return LogFileReader.read(Path.of(build.log()), cursor, build.statusValue().isTerminal());
  }

  /** A batch that was prepared: everything checked, nothing run yet. */
  public record Prepared(BatchRequest request, LocalBatch batch, Map<String, Buildspec> buildspecs,
      GitSource source, long commitTime) {
    public String id() {
      return batch.id();
    }
  }

  /** Checks the source and the buildspec and plans the batch; problems are errors before anything runs. */
  public Prepared prepare(BatchRequest request) {
    runners.reap(); // batches whose runner died end now, and leave no workspace behind
    Instant now = clock.instant();
    GitSource source = GitSource.locate(config.dir());
    String commit = source.resolve(request.sourceVersion());
    boolean dirty = false;
    if (request.sourceVersion() == null) {
      GitSource.Changes changed = source.uncommitted(Layout.of(config).ownFiles(request.buildspecs().keySet()));
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
    String project = CloudFormationGenerator.projectName(config);
    String id = project + ":" + UUID.randomUUID();
    String version = source.describe(commit) + (dirty ? "-dirty" : "");
    BuildRun downloadSource = downloadSource(id, now, commit);
    int parallelism = request.parallelism() > 0 ? request.parallelism()
        : config.local().parallelism() > 0 ? config.local().parallelism() : defaultParallelism(cores);
    LocalBatch batch = new LocalBatch(id, project, request.sourceVersion() == null ? "" : request.sourceVersion(),
        commit, version, dirty, downloadSource, plan, buildspec.batch() != null && buildspec.batch().fastFail(), parallelism);
    Map<String, Buildspec> all = new HashMap<>(buildspecs);
    all.put("", buildspec);
    return new Prepared(request, batch, all, source, source.commitTime(commit));
  }

  @Override
  public BatchSnapshot start(BatchRequest request) {
    Prepared prepared = prepare(request);
    CompletableFuture<BatchSnapshot> first = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        run(prepared, first::complete);
      } catch (RuntimeException e) {
        first.completeExceptionally(e);
      }
    }, "local-batch");
    thread.start();
    try {
      return first.join(); // its first state, saved before anyone is told the id
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : e;
    }
  }

  /** Runs a prepared batch in this thread to its end, reporting every change. */
  public BatchSnapshot run(Prepared prepared, Consumer<BatchSnapshot> listener) {
    StateWriter state = new StateWriter(store);
    try (FileLock claim = runners.claim(prepared.id())) {
      LocalBatchRunner runner = runner(prepared, state, listener);
      BatchSnapshot end = runner.run();
      state.flush(end);
      return end;
    } finally {
      state.close();
      live.remove(prepared.id());
      Trees.deleteQuietly(store.batchDir(prepared.id()).resolve("work")); // each build removed its own; this is what holds them
    }
  }

  /** Sets the batch up to run here: this process holds its runner lock (see {@link BatchRunners}) before anyone can see it. */
  private LocalBatchRunner runner(Prepared prepared, StateWriter state, Consumer<BatchSnapshot> listener) {
    LocalBatchRunner runner = new LocalBatchRunner(prepared.batch(),
        (plan, changes) -> build(prepared, plan, changes), clock, snapshot -> {
          state.accept(snapshot);
          listener.accept(snapshot);
        });
    live.put(prepared.id(), runner);
    // on disk before anyone is told the id, so that watch and status find it at once
    store.save(runner.snapshot());
    store.memory().remember(prepared.id());
    return runner;
  }

  /**
   * The batch as it is now: live in this process, or as its runner last saved it; ended as FAILED
   * ("runner died") when that runner is gone before it ended the batch.
   */
  @Override
  public BatchSnapshot describe(String batchId) {
    LocalBatchRunner runner = live.get(batchId);
    if (runner != null) {
      return runner.snapshot();
    }
    return runners.endIfDead(saved(batchId), Status.FAILED);
  }

  private BatchSnapshot saved(String batchId) {
    return store.load(batchId).orElseThrow(() -> CrossbatchException.usage(
        "no local batch " + batchId + " under " + store.root(), "give the id that 'crossbatch start --local' printed, or omit it for the last batch"));
  }

  /** Stops every batch this process runs (Ctrl-C). */
  public void stopAll() {
    live.values().forEach(LocalBatchRunner::stop);
  }

  /**
   * Stops a batch running in this process, or asks the process running it to stop it (SIGTERM,
   * only to the very process that recorded itself); a batch whose runner is gone ends STOPPED at once.
   */
  @Override
  public BatchSnapshot stop(String batchId) {
    LocalBatchRunner runner = live.get(batchId);
    if (runner != null) {
      runner.stop();
      return runner.snapshot();
    }
    BatchSnapshot current = runners.endIfDead(saved(batchId), Status.STOPPED);
    if (!current.complete()) {
      runners.signal(batchId);
    }
    return current;
  }

  private LocalBuild build(Prepared prepared, PlannedBuild plan, Consumer<BuildRun> changes) {
    String buildId = prepared.batch().project() + ":" + UUID.randomUUID();
    Buildspec buildspec = prepared.buildspecs().get(plan.buildspec() == null ? "" : plan.buildspec());
    Path batchDir = store.batchDir(prepared.id());
    LocalBatch batch = prepared.batch();
    boolean workingTree = batch.dirty() && prepared.request().allowDirty();
    LocalBuild.Source source = workingTree
        ? dest -> prepared.source().exportWorkingTree(dest)
        : dest -> prepared.source().export(batch.commit(), dest);
    Duration timeout = prepared.request().buildTimeout() != null ? prepared.request().buildTimeout() : Duration.ofMinutes(config.timeoutMinutes());
    return new LocalBuild(
        new LocalBuild.Setup(plan, buildId, buildspec, environment(prepared, plan, buildspec, buildId, store.nextBuildNumber()),
            batchDir.resolve("work").resolve(plan.identifier()), batchDir.resolve("logs").resolve(plan.identifier() + ".log"), source,
            new LocalBuild.ArtifactTarget(Layout.of(config).outputDir(), config.codebuild().prefix(), prepared.commitTime()),
            timeout, false),
        clock, changes, notices);
  }

  /**
   * A build's variables, lowest precedence first: this machine's pass-through variables, those
   * CodeBuild sets, the buildspec's env, the batch entry's env, the config's env, the overrides.
   */
  Map<String, String> environment(Prepared prepared, PlannedBuild plan, Buildspec buildspec, String buildId, long buildNumber) {
    LocalBatch batch = prepared.batch();
    Map<String, String> env = new LinkedHashMap<>();
    host.forEach((k, v) -> {
      if (PASSED_THROUGH.contains(k)) {
        env.put(k, v);
      }
    });
    String region = config.codebuild().region();
    if (region != null) {
      env.put("AWS_REGION", region);
      env.put("AWS_DEFAULT_REGION", region);
    }
    String arnRegion = region == null ? "local" : region;
    env.put("CODEBUILD_BUILD_ID", buildId);
    env.put("CODEBUILD_BUILD_ARN", "arn:aws:codebuild:" + arnRegion + ":000000000000:build/" + buildId);
    env.put("CODEBUILD_PROJECT_ARN", "arn:aws:codebuild:" + arnRegion + ":000000000000:project/" + batch.project());
    env.put("CODEBUILD_BUILD_NUMBER", Long.toString(buildNumber));
    env.put("CODEBUILD_BUILD_IMAGE", "local");
    env.put("CODEBUILD_BUILD_SUCCEEDING", "1");
    env.put("CODEBUILD_BATCH_BUILD_IDENTIFIER", plan.identifier());
    env.put("CODEBUILD_RESOLVED_SOURCE_VERSION", batch.commit());
    env.put("CODEBUILD_SOURCE_VERSION", batch.sourceVersion());
    env.put("CODEBUILD_SOURCE_REPO_URL", prepared.source().root().toUri().toString());
    env.put("CODEBUILD_INITIATOR", host.getOrDefault("USER", "crossbatch"));
    env.put("CODEBUILD_LOG_PATH", buildId.substring(buildId.indexOf(':') + 1));
    env.putAll(buildspec.variables());
    env.putAll(plan.variables());
    env.putAll(config.env());
    // the release version replaces the buildspec's "dev", as crossbatch's override does on CodeBuild
    env.put("VERSION", batch.version());
    env.putAll(prepared.request().environment());
    return env;
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
            + String.join(", ", plan.stream().map(LocalBuildService::label).toList()), "pass one of those with --platform");
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

  private static String taskBuildspec(BatchRequest request, GitSource source, String commit, String path) {
    String given = request.buildspecs().get(path);
    if (given != null) {
      return given;
    }
    String spec = source.folder().isEmpty() ? path : source.folder() + "/" + path;
    GitSource.Result shown = GitSource.git(source.root(), List.of("show", commit + ":" + spec));
    if (shown.exit() != 0) {
      throw CrossbatchException.usage("the batch names buildspec '" + path + "', which is not in commit " + Commit.abbreviate(commit),
          "commit that file, or fix the path (it is relative to the folder of crossbatch.yml)");
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
