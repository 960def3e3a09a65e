package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BatchMemory;
import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.BuildService;
import dev.crossbatch.core.batch.LogChunk;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.batch.Status;
import dev.crossbatch.core.buildspec.Buildspec;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.FileLock;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.io.Trees;
import dev.crossbatch.core.source.GitSource;
import dev.crossbatch.core.source.SourceSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The local backend: runs a batch buildspec on this machine as CodeBuild would run it, each build
 * in its own snapshot of the commit, with the variables CodeBuild sets. State goes to
 * {@code .crossbatch/} next to crossbatch.yml (see {@link StateStore}).
 */
public final class LocalBuildService implements BuildService {
  /** project:uuid, as CodeBuild names batches. */
  private static final java.util.regex.Pattern BATCH_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,254}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final ProjectConfig config;
  private final StateStore store;
  private final KeptCheckouts checkouts;
  private final Map<String, String> host;
  private final Clock clock;
  private final Consumer<String> notices;
  private final Map<String, LocalBatchRunner> live = new ConcurrentHashMap<>();
  private final BatchRunners runners;
  private final LocalPlanner planner;
  private final CodeBuildEnvironment environment;

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
    this.checkouts = new KeptCheckouts(Layout.of(config).checkouts());
    this.runners = new BatchRunners(store, clock);
    this.host = Map.copyOf(host);
    this.clock = clock;
    this.notices = once(notices);
    this.planner = new LocalPlanner(config, clock, cores);
    this.environment = new CodeBuildEnvironment(config, this.host);
  }

  /**
   * Builds at once when neither the flag nor the config says: one more than the cores, as
   * {@code make -j} is often given. Measured on 2 cores (docs/benchmarks.md, 2026-12-01): the
   * example's cold six-target release took 25.3 s two at a time and 25.4 s three at a time, its
   * warm one the same (1.43 s), and cloudflare/cfssl's warm release 5.43 s two at a time against
   * 4.81 s three at a time (a third build no longer waits while the others link on one core each).
   */
  public static int defaultParallelism(int cores) {
    return Math.max(1, cores) + 1;
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
    return planner.prepare(request);
  }

  /** Runs a prepared batch in this thread to its end, reporting every change. */
  public BatchSnapshot run(Prepared prepared, Consumer<BatchSnapshot> listener) {
    StateWriter state = new StateWriter(store);
    LocalPlanner.askedEnvironment(prepared.batch().builds()).ifPresent(notices);
    LocalPlanner.codebuildTools(prepared.buildspecs(), prepared.request().buildspecName()).ifPresent(notices); // names from the root, as CodeBuild
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
    RuntimeVersions runtimes = new RuntimeVersions();
    String bash = SessionCommand.onPath("bash", host.get("PATH")); // once per batch, by its full path: setsid starts it
    LocalBatchRunner runner = new LocalBatchRunner(prepared.batch(),
        (plan, changes) -> build(prepared, plan, changes, runtimes, bash), clock, snapshot -> {
          state.accept(snapshot);
          listener.accept(snapshot);
        });
    live.put(prepared.id(), runner);
    // on disk before anyone is told the id, so that watch and status find it at once
    store.ignoredByGit();
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

  private LocalBuild build(Prepared prepared, PlannedBuild plan, Consumer<BuildRun> changes, RuntimeVersions runtimes, String bash) {
    String buildId = prepared.batch().project() + ":" + UUID.randomUUID();
    Buildspec buildspec = prepared.buildspecs().get(plan.buildspec() == null ? "" : plan.buildspec());
    Path batchDir = store.batchDir(prepared.id());
    LocalBatch batch = prepared.batch();
    boolean workingTree = batch.dirty() && prepared.request().allowDirty();
    LocalBuild.Source source = workingTree
        ? dest -> SourceSnapshot.ofWorkingTree(prepared.source(), batch.commit(), dest)
        : checkouts.of(prepared.source(), batch.commit(), plan.identifier());
    Duration timeout = prepared.request().buildTimeout() != null ? prepared.request().buildTimeout() : Duration.ofMinutes(config.timeoutMinutes());
    // crossbatch.yml's presets cache Go's folders outside the source, which local builds keep their own way: nothing to say of them
    LocalCache cache = new LocalCache(Layout.of(config).customCache(plan.identifier()), buildspec.cachePaths(),
        config.ownBuildspec() ? notices : n -> { });
    return new LocalBuild(
        new LocalBuild.Setup(plan, buildId, buildspec, environment.forBuild(prepared, plan, buildspec, buildId, store.nextBuildNumber()),
            batchDir.resolve("work").resolve(plan.identifier()), batchDir.resolve("logs").resolve(plan.identifier() + ".log"), source,
            target(prepared, batchDir), timeout, cache, batchDir.resolve("reports").resolve(plan.identifier()), runtimes, bash),
        clock, changes, notices);
  }

  /**
   * Where a build's artifacts go: crossbatch.yml's zips (or archives) into local.output; a buildspec
   * of one's own leaves its files as they are in the batch's folder, {@code artifacts/primary/IDENTIFIER/};
   * secondary artifacts always go to {@code artifacts/ARTIFACT_ID/IDENTIFIER/} there.
   */
  private ArtifactTarget target(Prepared prepared, Path batchDir) {
    Path artifacts = batchDir.resolve("artifacts");
    if (config.ownBuildspec()) {
      return new ArtifactTarget(artifacts.resolve("primary"), "", prepared.commitTime(), ArtifactTarget.Packaging.FILES, artifacts);
    }
    return new ArtifactTarget(Layout.of(config).outputDir(), config.codebuild().prefix(), prepared.commitTime(),
        config.archive().zippedByCodeBuild() ? ArtifactTarget.Packaging.ZIP : ArtifactTarget.Packaging.ARCHIVE, artifacts);
  }
}
