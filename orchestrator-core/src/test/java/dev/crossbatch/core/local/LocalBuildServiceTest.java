package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.source.GitSource;
import dev.crossbatch.core.source.TestGit;
import dev.crossbatch.core.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches on this machine, with real git and bash: batch types, env, source snapshots, state. */
class LocalBuildServiceTest {
  @TempDir Path dir;
  Path repo;
  String sha;
  final List<BatchSnapshot> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void repository() throws Exception {
    repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve("crossbatch.yml"), "name: app\nplatforms: [linux/amd64]\nenv:\n  FROM_CONFIG: config\n");
    Files.writeString(repo.resolve(".gitignore"), "dist/\n.crossbatch/\nlocal.txt\n");
    Files.writeString(repo.resolve("input.txt"), "committed\n");
    TestGit.git(repo, "init", "-q", "-b", "main");
    TestGit.git(repo, "add", "-A");
    TestGit.git(repo, "commit", "-q", "-m", "one");
    sha = GitSource.git(repo, List.of("rev-parse", "HEAD")).out().trim();
  }

  private ProjectConfig config() {
    return ConfigLoader.load(repo.resolve("crossbatch.yml"), "crossbatch.yml");
  }

  private LocalBuildService service(int cores) {
    Map<String, String> host = new HashMap<>(Map.of("PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home"), "USER", "tester", "SECRET_TOKEN", "leak"));
    return new LocalBuildService(config(), host, Clock.systemUTC(), n -> {}, cores);
  }

  private BatchRequest request(String buildspec, Map<String, String> env, List<String> only, boolean allowDirty, int parallelism) {
    return new BatchRequest(config(), buildspec, "buildspecs/buildspec.yml", Map.of(), null, env, only, allowDirty, parallelism, Duration.ofMinutes(1));
  }

  private BatchSnapshot run(String buildspec) {
    return run(request(buildspec, Map.of(), List.of(), false, 2));
  }

  private BatchSnapshot run(BatchRequest request) {
    LocalBuildService service = service(2);
    return service.run(service.prepare(request), seen::add);
  }

  private String log(BatchSnapshot batch, String identifier) throws Exception {
    return String.join("\n", Files.readAllLines(Path.of(batch.build(identifier).orElseThrow().log())).stream()
        .filter(l -> !l.startsWith("[Container]")).toList());
  }

  @Test
  void buildList_setsTheVariablesCodeBuildSets_andZipsEachBuild() throws Exception {
    BatchSnapshot batch = run("""
        version: 0.2
        batch:
          build-list:
            - identifier: linux_amd64
              env:
                variables: {GOOS: linux, GOARCH: amd64}
            - identifier: windows_arm64
              env:
                variables: {GOOS: windows, GOARCH: arm64}
        phases:
          build:
            commands:
              - echo "id=$CODEBUILD_BATCH_BUILD_IDENTIFIER sha=$CODEBUILD_RESOLVED_SOURCE_VERSION src=$CODEBUILD_SRC_DIR"
              - echo "build=$CODEBUILD_BUILD_ID number=$CODEBUILD_BUILD_NUMBER start=$CODEBUILD_START_TIME by=$CODEBUILD_INITIATOR"
              - echo "secret=${SECRET_TOKEN:-none}" && mkdir -p out && cp input.txt out/
        artifacts:
          files: [out/input.txt]
          discard-paths: yes
          name: app_${GOOS}_${GOARCH}_$(echo $CODEBUILD_RESOLVED_SOURCE_VERSION | cut -c 1-7).zip
        """);

    assertThat(batch.status()).isEqualTo("SUCCEEDED");
    assertThat(batch.commit()).isEqualTo(sha);
    assertThat(batch.builds()).extracting(BuildRun::identifier).containsExactly("linux_amd64", "windows_arm64");
    assertThat(batch.builds()).extracting(BuildRun::label).containsExactly("linux/amd64", "windows/arm64");
    String linux = log(batch, "linux_amd64");
    assertThat(linux).contains("id=linux_amd64 sha=" + sha + " src=" + repo.resolve(".crossbatch/batches"))
        .containsPattern("build=app-release:[0-9a-f-]{36} number=[12] start=\\d{13} by=")
        // started by the batch's role, as CodeBuild's member builds are
        .contains("by=app-release-batch-role/AWSCodeBuild-" + batch.id().substring("app-release:".length(), "app-release:".length() + 8) + "\n")
        .contains("secret=none");
    assertThat(repo.resolve("dist/app_linux_amd64_" + sha.substring(0, 7) + ".zip")).exists();
    assertThat(repo.resolve("dist/app_windows_arm64_" + sha.substring(0, 7) + ".zip")).exists();
    assertThat(batch.downloadSource().identifier()).isEqualTo("DOWNLOAD_SOURCE");
    assertThat(seen).isNotEmpty().last().isEqualTo(batch);
  }

  /** As on CodeBuild: crossbatch.yml's env reaches a build through the buildspec generated from it, under a batch entry's variables. */
  @Test
  void environment_precedence_overrideThenBatchEntryThenBuildspec() throws Exception {
    BatchSnapshot batch = run(request("""
        version: 0.2
        env:
          variables: {A: buildspec, B: buildspec, C: buildspec, FROM_CONFIG: buildspec}
        batch:
          build-list:
            - identifier: one
              env:
                variables: {B: entry, C: entry}
        phases:
          build:
            commands: ['echo "A=$A B=$B C=$C CONFIG=$FROM_CONFIG"']
        """, Map.of("C", "override"), List.of(), false, 1));

    assertThat(log(batch, "one")).isEqualTo("A=buildspec B=entry C=override CONFIG=buildspec");
  }

  @Test
  void buildGraph_runsDependenciesFirst_andSkipsDependentsOfAFailure() throws Exception {
    BatchSnapshot batch = run("""
        version: 0.2
        batch:
          build-graph:
            - identifier: test
              env:
                variables: {ROLE: test}
            - identifier: build_a
              depend-on: [test]
            - identifier: build_b
              depend-on: [build_a]
        phases:
          build:
            commands: ['test "$ROLE" != test || exit 1']
        """);

    assertThat(batch.status()).isEqualTo("FAILED");
    assertThat(batch.build("test").orElseThrow().status()).isEqualTo("FAILED");
    assertThat(batch.build("build_a").orElseThrow().status()).isEqualTo("STOPPED");
    assertThat(batch.build("build_a").orElseThrow().message()).isEqualTo("skipped: depends on test, which FAILED");
    assertThat(batch.build("build_b").orElseThrow().message()).isEqualTo("skipped: depends on build_a, which STOPPED");
    assertThat(batch.build("build_b").orElseThrow().start()).isNull();
    // a build that never ran has no log to point to
    assertThat(batch.build("build_b").orElseThrow().log()).isNull();
    assertThat(Path.of(batch.build("test").orElseThrow().log())).exists();
  }

  @Test
  void buildGraph_dependentStartsOnlyAfterItsDependencyEnds() {
    BatchSnapshot batch = run("""
        version: 0.2
        batch:
          build-graph:
            - identifier: first
            - identifier: second
              depend-on: [first]
        phases:
          build:
            commands: [sleep 0.3]
        """);

    assertThat(batch.status()).isEqualTo("SUCCEEDED");
    assertThat(batch.build("second").orElseThrow().start()).isAfterOrEqualTo(batch.build("first").orElseThrow().end());
  }

  @Test
  void buildMatrix_runsTheCartesianProductOfItsAxes() throws Exception {
    BatchSnapshot batch = run("""
        version: 0.2
        batch:
          build-matrix:
            dynamic:
              env:
                variables:
                  GOOS: [linux, darwin]
                  GOARCH: [amd64, arm64]
        phases:
          build:
            commands: ['echo "$GOOS/$GOARCH"']
        """);

    assertThat(batch.builds()).extracting(BuildRun::identifier).containsExactly("linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64");
    assertThat(log(batch, "darwin_arm64")).isEqualTo("darwin/arm64");
  }

  @Test
  void buildFanout_runsParallelismIdenticalBuilds_andABuildspecWithoutBatchRunsOnce() throws Exception {
    BatchSnapshot fanout = run("""
        version: 0.2
        batch:
          build-fanout:
            parallelism: 3
        phases:
          build:
            commands: ['echo "shard $CODEBUILD_BATCH_BUILD_IDENTIFIER"']
        """);
    BatchSnapshot single = run("version: 0.2\nphases:\n  build:\n    commands: ['echo alone']\n");

    assertThat(fanout.status()).isEqualTo("SUCCEEDED");
    assertThat(fanout.builds()).extracting(BuildRun::identifier).containsExactly("fanout_1", "fanout_2", "fanout_3");
    assertThat(log(fanout, "fanout_2")).isEqualTo("shard fanout_2");
    assertThat(single.builds()).extracting(BuildRun::identifier).containsExactly("build");
    assertThat(log(single, "build")).isEqualTo("alone");
  }

  @Test
  void fastFail_stopsTheOtherBuildsWhenOneFails() {
    BatchSnapshot batch = run("""
        version: 0.2
        batch:
          fast-fail: true
          build-list:
            - identifier: quick_failure
              env:
                variables: {FAIL: "yes"}
            - identifier: slow
        phases:
          build:
            commands: ['test -z "$FAIL" || exit 1', sleep 30]
        """);

    assertThat(batch.status()).isEqualTo("FAILED");
    assertThat(batch.message()).isEqualTo("fast-fail: quick_failure FAILED");
    assertThat(batch.build("slow").orElseThrow().status()).as("stopped, not left to sleep its 30 s").isEqualTo("STOPPED");
  }

  @Test
  void ignoreFailure_aFailingBuildDoesNotFailTheBatch() {
    BatchSnapshot batch = run("""
        version: 0.2
        batch:
          build-list:
            - identifier: optional
              ignore-failure: true
              env:
                variables: {FAIL: "yes"}
            - identifier: required
        phases:
          build:
            commands: ['test -z "$FAIL"']
        """);

    assertThat(batch.status()).isEqualTo("SUCCEEDED");
    assertThat(batch.build("optional").orElseThrow().status()).isEqualTo("FAILED");
  }

  @Test
  void withoutTheFlagOrTheConfig_aBatchRunsOneBuildMoreThanTheCores() {
    String buildspec = "version: 0.2\nbatch:\n  build-list:\n    - identifier: a\nphases:\n  build:\n    commands: ['true']\n";

    assertThat(service(2).prepare(request(buildspec, Map.of(), List.of(), false, 0)).batch().parallelism()).isEqualTo(3);
    assertThat(service(1).prepare(request(buildspec, Map.of(), List.of(), false, 0)).batch().parallelism()).isEqualTo(2);
    assertThat(service(2).prepare(request(buildspec, Map.of(), List.of(), false, 1)).batch().parallelism()).isEqualTo(1);
  }

  @Test
  void parallelismOne_runsTheBuildsOneAfterAnother() {
    BatchSnapshot batch = run(request("""
        version: 0.2
        batch:
          build-list:
            - identifier: a
            - identifier: b
        phases:
          build:
            commands: [sleep 0.3]
        """, Map.of(), List.of(), false, 1));

    BuildRun a = batch.build("a").orElseThrow();
    BuildRun b = batch.build("b").orElseThrow();
    assertThat(b.start()).isAfterOrEqualTo(a.end());
  }

  @Test
  void eachBuild_getsItsOwnCleanSnapshotOfTheCommit() throws Exception {
    Files.writeString(repo.resolve("local.txt"), "ignored, not committed\n");

    BatchSnapshot batch = run(request("""
        version: 0.2
        batch:
          build-list:
            - identifier: first
            - identifier: second
        phases:
          build:
            commands:
              - 'echo "local=$(test -e local.txt && echo present || echo absent) marker=$(test -e marker && echo present || echo absent)"'
              - touch marker
        """, Map.of(), List.of(), false, 1));

    assertThat(log(batch, "first")).isEqualTo("local=absent marker=absent");
    assertThat(log(batch, "second")).isEqualTo("local=absent marker=absent");
  }

  @Test
  void theNextBatch_startsFromTheCheckoutTheLastOneKept_undoingWhatItsBuildDid() throws Exception {
    String buildspec = """
        version: 0.2
        phases:
          build:
            commands:
              - 'echo "marker=$(test -e marker && echo present || echo absent) input=$(cat input.txt)"'
              - touch marker
              - echo changed > input.txt
        """;
    BatchSnapshot first = run(request(buildspec, Map.of(), List.of(), false, 1));
    String identifier = first.builds().get(0).identifier();
    Path kept = repo.resolve(".crossbatch/checkouts").resolve(identifier);
    assertThat(kept.resolve("marker")).as("kept as its build left it").exists();
    Object inode = Files.getAttribute(kept.resolve(".gitignore"), "unix:ino");

    BatchSnapshot second = run(request(buildspec, Map.of(), List.of(), false, 1));

    assertThat(log(second, identifier)).isEqualTo("marker=absent input=committed");
    assertThat(Files.getAttribute(kept.resolve(".gitignore"), "unix:ino")).as("the same checkout, not a new one").isEqualTo(inode);
  }

  @Test
  void parameterStoreAndSecrets_areRefusedHere_unlessGivenWithEnv() throws Exception {
    String buildspec = """
        version: 0.2
        env:
          parameter-store: {DB_PASSWORD: /prod/db/password}
          secrets-manager: {TOKEN: "ci-token:token"}
        phases:
          build:
            commands: ['echo "token=$TOKEN password=$DB_PASSWORD"']
        """;

    assertThatThrownBy(() -> service(2).prepare(request(buildspec, Map.of("TOKEN", "t0"), List.of(), false, 1)))
        .isInstanceOfSatisfying(CrossbatchException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("buildspecs/buildspec.yml reads DB_PASSWORD from parameter-store /prod/db/password:"
              + " a local build cannot read it (no AWS calls from builds here)");
          assertThat(e.hint()).contains("pass --env DB_PASSWORD=...");
        });

    BatchSnapshot batch = run(request(buildspec, Map.of("TOKEN", "t0", "DB_PASSWORD", "p0"), List.of(), false, 1));
    assertThat(batch.status()).isEqualTo("SUCCEEDED");
    assertThat(log(batch, batch.builds().get(0).identifier())).contains("token=t0 password=p0");
  }

  @Test
  void dirtyTree_isRefused_unlessAllowDirty_whichBuildsTheFilesAsTheyAre() throws Exception {
    Files.writeString(repo.resolve("input.txt"), "edited\n");
    String buildspec = "version: 0.2\nphases:\n  build:\n    commands: [cat input.txt]\n";

    assertThatThrownBy(() -> service(2).prepare(request(buildspec, Map.of(), List.of(), false, 1)))
        .isInstanceOfSatisfying(CrossbatchException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("the working tree has uncommitted changes: input.txt");
          assertThat(e.hint()).contains("commit them (builds run on a snapshot of the commit), or pass --allow-dirty to build the files as they are");
        });

    BatchSnapshot batch = run(request(buildspec, Map.of(), List.of(), true, 1));
    assertThat(batch.dirty()).isTrue();
    assertThat(batch.version()).isEqualTo(sha.substring(0, 7) + "-dirty");
    assertThat(log(batch, "build")).isEqualTo("edited");
  }

  @Test
  void only_selectsBuildsByPlatformOrIdentifier_withTheirDependencies() {
    BatchSnapshot batch = run(request("""
        version: 0.2
        batch:
          build-graph:
            - identifier: test
            - identifier: linux_amd64
              depend-on: [test]
              env:
                variables: {GOOS: linux, GOARCH: amd64}
            - identifier: darwin_arm64
              depend-on: [test]
              env:
                variables: {GOOS: darwin, GOARCH: arm64}
        phases:
          build:
            commands: ['true']
        """, Map.of(), List.of("linux/amd64"), false, 1));

    assertThat(batch.builds()).extracting(BuildRun::identifier).containsExactly("test", "linux_amd64");
    assertThatThrownBy(() -> service(2).prepare(request("version: 0.2\nphases:\n  build:\n    commands: ['true']\n", Map.of(), List.of("plan9/arm"), false, 1)))
        .isInstanceOf(CrossbatchException.class)
        .hasMessage("'plan9/arm' is not a build of this batch; it has: build");
  }

  @Test
  void stop_endsTheBatch_andItsStateIsReadableFromAnotherServiceLater() throws Exception {
    LocalBuildService service = service(2);
    BatchSnapshot started = inBackground(service, request("""
        version: 0.2
        batch:
          build-list:
            - identifier: long_one
            - identifier: long_two
        phases:
          build:
            commands: [sleep 60]
        """, Map.of(), List.of(), false, 1));
    assertThat(started.complete()).isFalse();
    Await.until("long_one to be in its BUILD phase", () -> "BUILD".equals(service.describe(started.id()).build("long_one").orElseThrow().phase()));

    service.stop(started.id());
    BatchSnapshot stopped = Await.value("the batch to end", Await.LONG, () -> java.util.Optional.of(service.describe(started.id())).filter(BatchSnapshot::complete));

    assertThat(stopped.status()).isEqualTo("STOPPED");
    assertThat(stopped.builds()).extracting(BuildRun::status).containsExactly("STOPPED", "STOPPED");
    // the runner writes its last state as it ends, just after the batch ended in memory
    BatchSnapshot fromDisk = Await.value("the ended batch on disk", Await.LONG,
        () -> java.util.Optional.of(service(2).describe(started.id())).filter(BatchSnapshot::complete));
    assertThat(fromDisk.status()).isEqualTo("STOPPED");
    assertThat(service(2).lastBatch()).contains(started.id());
  }

  /** Runs the batch on a thread of its own, as the background runner does; returns its first snapshot, saved before it is handed out. */
  private static BatchSnapshot inBackground(LocalBuildService service, dev.crossbatch.core.batch.BatchRequest request) {
    LocalBuildService.Prepared prepared = service.prepare(request);
    java.util.concurrent.CompletableFuture<BatchSnapshot> first = new java.util.concurrent.CompletableFuture<>();
    Thread runner = new Thread(() -> service.run(prepared, first::complete), "test-batch");
    runner.setDaemon(true);
    runner.start();
    return first.join();
  }
}
