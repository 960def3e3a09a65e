package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.PhaseRecord;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.buildspec.BuildspecReader;
import dev.crossbatch.core.error.CrossbatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phase semantics of one build, with a real bash, against CodeBuild's rules. */
class LocalBuildTest {
  @TempDir Path dir;
  final List<String> notices = new CopyOnWriteArrayList<>();
  Map<String, String> env = new HashMap<>(Map.of("PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home")));
  LocalBuild.Source source = dest -> write(dest.resolve("main.txt"), "source\n");
  Duration timeout = Duration.ofMinutes(1);
  RuntimeVersions runtimes = new RuntimeVersions();
  static final String GO_1_22 = """
      version: 0.2
      phases:
        install:
          runtime-versions:
            golang: 1.22
        build:
          commands: [echo build]
      """;

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private LocalBuild build(String buildspec) {
    Map<String, String> environment = new HashMap<>(env);
    environment.put("CODEBUILD_BUILD_SUCCEEDING", "1");
    environment.put("GOOS", "linux");
    LocalBuild.Setup setup = new LocalBuild.Setup(
        new PlannedBuild("linux_amd64", null, List.of(), false, Map.of("GOOS", "linux", "GOARCH", "amd64")),
        "hello:" + java.util.UUID.randomUUID(),
        BuildspecReader.read(buildspec, "buildspec.yml"),
        environment,
        dir.resolve("work"),
        dir.resolve("logs/linux_amd64.log"),
        source,
        new ArtifactTarget(dir.resolve("dist"), "hello", 1_700_000_000_000L, ArtifactTarget.Packaging.ZIP, dir.resolve("batch/artifacts")),
        timeout,
        new LocalCache(dir.resolve("cache"), BuildspecReader.read(buildspec, "buildspec.yml").cachePaths(), notices::add),
        dir.resolve("batch/reports/linux_amd64"),
        runtimes,
        SessionCommand.onPath("bash", env.get("PATH")));
    LocalBuild build = new LocalBuild(setup, Clock.systemUTC(), run -> {}, notices::add);
    build.queue();
    return build;
  }

  /** A go of this test's first on the PATH: a shell script of {@code body}. */
  private Path goOnThePath(String body) {
    Path go = dir.resolve("bin/go");
    write(go, "#!/bin/sh\n" + body + "\n");
    go.toFile().setExecutable(true);
    env.put("PATH", go.getParent() + ":" + System.getenv("PATH"));
    return go;
  }

  private String log() throws Exception {
    return Files.readString(dir.resolve("logs/linux_amd64.log"));
  }

  /** "TYPE:STATUS" for every phase, the open COMPLETED one as just its type. */
  private static List<String> phases(BuildRun run) {
    List<String> result = new ArrayList<>();
    for (PhaseRecord p : run.phases()) {
      result.add(p.status() == null ? p.type() : p.type() + ":" + p.status());
    }
    return result;
  }

  /** Only our commands' output: the log without crossbatch's [Container] lines. */
  private String output() throws Exception {
    return String.join("\n", log().lines().filter(l -> !l.startsWith("[Container]")).toList());
  }

  @Test
  void success_goesThroughEveryPhase_andZipsTheArtifactUnderTheShellEvaluatedName() throws Exception {
    BuildRun run = build("""
        version: 0.2
        phases:
          build:
            commands:
              - mkdir -p out && echo "built for $GOOS" > out/app.txt
        artifacts:
          files: [out/app.txt]
          discard-paths: yes
          name: app_${GOOS}_$(echo abcdef123456 | cut -c 1-7).zip
        """).run();

    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(phases(run)).containsExactly("SUBMITTED:SUCCEEDED", "QUEUED:SUCCEEDED", "PROVISIONING:SUCCEEDED",
        "DOWNLOAD_SOURCE:SUCCEEDED", "INSTALL:SUCCEEDED", "PRE_BUILD:SUCCEEDED", "BUILD:SUCCEEDED", "POST_BUILD:SUCCEEDED",
        "UPLOAD_ARTIFACTS:SUCCEEDED", "FINALIZING:SUCCEEDED", "COMPLETED");
    assertThat(run.artifact().location()).isEqualTo(dir.resolve("dist/hello/app_linux_abcdef1.zip").toString());
    assertThat(run.artifact().sha256()).isEqualTo(dev.crossbatch.core.artifact.Checksums.sha256(dir.resolve("dist/hello/app_linux_abcdef1.zip")));
    assertThat(log()).contains("Entering phase BUILD", "Running command mkdir -p out", "Phase complete: BUILD State: SUCCEEDED");
    assertThat(dir.resolve("work")).as("workspace removed").doesNotExist();
  }

  @Test
  void oneShellSession_cdAndExportsCarryAcrossCommandsAndPhases() throws Exception {
    BuildRun run = build("""
        version: 0.2
        phases:
          install:
            commands:
              - export TOOL=installed
              - mkdir -p sub && cd sub
          build:
            commands:
              - echo "$TOOL in $(basename $PWD) from $(cat ../main.txt)"
        """).run();

    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(output()).isEqualTo("installed in sub from source");
  }

  @Test
  void firstFailingCommand_failsItsPhase_andTheRestOfThePhaseIsSkipped() throws Exception {
    BuildRun run = build("""
        version: 0.2
        phases:
          build:
            commands:
              - echo one
              - (exit 4)
              - echo never
        """).run();

    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(output()).isEqualTo("one");
    assertThat(run.message()).isEqualTo("BUILD: COMMAND_EXECUTION_ERROR: Error while executing command: (exit 4). Reason: exit status 4");
    assertThat(log()).contains("Command did not exit successfully (exit 4) exit status 4",
        "Phase context status code: COMMAND_EXECUTION_ERROR Message: Error while executing command: (exit 4). Reason: exit status 4");
  }

  @Test
  void buildFailure_stillRunsPostBuildWithSucceedingZero_andAttemptsTheUpload() throws Exception {
    BuildRun run = build("""
        version: 0.2
        phases:
          build:
            commands:
              - echo "during build succeeding=$CODEBUILD_BUILD_SUCCEEDING"
              - false
          post_build:
            commands:
              - echo "post_build succeeding=$CODEBUILD_BUILD_SUCCEEDING"
        artifacts:
          files: [missing.bin]
        """).run();

    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(output()).isEqualTo("during build succeeding=1\npost_build succeeding=0");
    assertThat(phases(run)).contains("BUILD:FAILED", "POST_BUILD:SUCCEEDED", "UPLOAD_ARTIFACTS:FAILED");
  }

  @Test
  void installFailure_skipsTheLaterPhasesAndTheUpload() throws Exception {
    BuildRun run = build("""
        version: 0.2
        phases:
          install:
            commands: [echo installing, "(exit 9)"]
          pre_build:
            commands: [echo pre]
          build:
            commands: [echo build]
          post_build:
            commands: [echo post]
        artifacts:
          files: [main.txt]
        """).run();

    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(output()).isEqualTo("installing");
    assertThat(phases(run)).containsSubsequence("INSTALL:FAILED", "FINALIZING:SUCCEEDED")
        .doesNotContain("PRE_BUILD:SUCCEEDED", "BUILD:SUCCEEDED", "POST_BUILD:SUCCEEDED", "UPLOAD_ARTIFACTS:SUCCEEDED");
  }

  @Test
  void onFailureContinue_letsTheNextPhaseRun_butTheBuildStillFails() throws Exception {
    BuildRun run = build("""
        version: 0.2
        phases:
          pre_build:
            on-failure: CONTINUE
            commands: [false]
          build:
            commands: [echo build ran]
        """).run();

    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(output()).isEqualTo("build ran");
    assertThat(phases(run)).contains("PRE_BUILD:FAILED", "BUILD:SUCCEEDED");
  }

  @Test
  void onFailureAbort_inBuild_skipsPostBuildAndTheUpload() throws Exception {
    BuildRun run = build("""
        version: 0.2
        phases:
          build:
            on-failure: ABORT
            commands: [false]
          post_build:
            commands: [echo post]
        artifacts:
          files: [main.txt]
        """).run();

    assertThat(output()).isEmpty();
    assertThat(phases(run)).contains("BUILD:FAILED").doesNotContain("POST_BUILD:SUCCEEDED", "UPLOAD_ARTIFACTS:SUCCEEDED");
    assertThat(dir.resolve("dist")).doesNotExist();
  }

  @Test
  void finally_runsAfterAFailure_andAFailingFinallyFailsAPhaseThatSucceeded() throws Exception {
    BuildRun run = build("""
        version: 0.2
        phases:
          install:
            commands: [echo install]
            finally: [echo cleanup-install, false]
          pre_build:
            on-failure: CONTINUE
            commands: [echo pre]
          build:
            commands: [false, echo not-run]
            finally: [echo cleanup-build]
        """).run();

    assertThat(output()).isEqualTo("install\ncleanup-install");
    assertThat(phases(run)).contains("INSTALL:FAILED");

    Files.deleteIfExists(dir.resolve("logs/linux_amd64.log"));
    BuildRun second = build("""
        version: 0.2
        phases:
          build:
            commands: [false, echo not-run]
            finally: [echo cleanup-build]
        """).run();
    assertThat(output()).isEqualTo("cleanup-build");
    assertThat(phases(second)).contains("BUILD:FAILED");
  }

  @Test
  void onFailureRetry_rerunsThePhaseUntilItPasses() throws Exception {
    BuildRun run = build("""
        version: 0.2
        phases:
          build:
            on-failure: RETRY-2
            commands:
              - echo x >> ../attempts
              - test $(wc -l < ../attempts) -ge 3
        """).run();

    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(log()).contains("Phase BUILD failed; retrying (attempt 2 of 3)", "Phase BUILD failed; retrying (attempt 3 of 3)");
  }

  @Test
  void onFailureRetryWithRegex_retriesOnlyWhenTheOutputMatches() throws Exception {
    BuildRun run = build("""
        version: 0.2
        phases:
          build:
            on-failure: RETRY-5-connection reset
            commands:
              - echo "compile error"; false
        """).run();

    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(log()).doesNotContain("retrying");
  }

  @Test
  void timeout_killsTheRunningCommandAndItsChildren_andTheBuildTimesOut() throws Exception {
    timeout = Duration.ofSeconds(1);

    BuildRun run = build("""
        version: 0.2
        phases:
          build:
            commands:
              - sh -c 'sleep 60' & sleep 60
        """).run();

    assertThat(run.status()).isEqualTo("TIMED_OUT");
    assertThat(phases(run)).contains("BUILD:TIMED_OUT");
    assertThat(run.message()).isEqualTo("BUILD: BUILD_TIMED_OUT: the build ran longer than 1 seconds");
  }

  /** A grandchild that left the build's process group (setsid) and lost its parent is found by the build's id. */
  @Test
  void timeout_alsoEndsAGrandchildThatCalledSetsid() throws Exception {
    timeout = Duration.ofSeconds(2);
    Path pid = dir.resolve("escaped.pid");

    BuildRun run = build("""
        version: 0.2
        phases:
          build:
            commands:
              - (setsid sh -c 'echo $$ > %s; exec sleep 300' &) ; sleep 60
        """.formatted(pid)).run();

    assertThat(run.status()).isEqualTo("TIMED_OUT");
    long escaped = Long.parseLong(Files.readString(pid).trim());
    assertThat(ProcessState.stillRunning(escaped, Duration.ofSeconds(5))).as("the setsid grandchild").isFalse();
  }

  @Test
  void stop_fromAnotherThread_endsTheBuildAsStopped() throws Exception {
    LocalBuild build = build("""
        version: 0.2
        phases:
          build:
            commands: [touch ../started; sleep 60]
          post_build:
            commands: [echo post]
        """);
    Thread stopper = new Thread(() -> {
      dev.crossbatch.core.testing.Await.until("the build to start its command", () -> Files.exists(dir.resolve("work/started")));
      build.stop();
    });
    stopper.start();

    BuildRun run = build.run();

    assertThat(run.status()).isEqualTo("STOPPED");
    assertThat(phases(run)).contains("BUILD:STOPPED").doesNotContain("POST_BUILD:SUCCEEDED");
  }

  @Test
  void runtimeVersions_missingTool_failsInstallSayingHowToInstallIt() throws Exception {
    env.put("PATH", dir.resolve("empty-bin").toString());

    BuildRun run = build(GO_1_22).run();

    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(run.message()).isEqualTo("INSTALL: CLIENT_ERROR: runtime golang 1.22: 'go' was not found on the PATH; install it (apt-get install -y golang-go)");
  }

  @Test
  void runtimeVersions_otherVersionOnThePath_warnsAndBuilds() throws Exception {
    goOnThePath("echo 'go version go1.19.8 linux/amd64'");
    env.put("WANT", "1.22");

    BuildRun run = build("""
        version: 0.2
        phases:
          install:
            runtime-versions:
              golang: $WANT
          build:
            commands: [go version]
        """).run();

    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(notices).containsExactly("linux_amd64: runtime golang 1.22 requested; building with go 1.19.8 from the PATH");
    assertThat(log()).contains("Warning: runtime golang 1.22 requested; building with go 1.19.8 from the PATH");
  }

  @Test
  void runtimeVersions_askedOncePerBatch_ofTheToolFound_andAgainUnderAnotherGoToolchain() throws Exception {
    // a go that counts how often it is asked its version, and answers as GOTOOLCHAIN picks
    Path asked = dir.resolve("asked");
    Path go = goOnThePath("echo x >> " + asked + "\necho \"go version ${GOTOOLCHAIN:-go1.22.5} linux/amd64\"");

    BuildRun first = build(GO_1_22).run();
    BuildRun second = build(GO_1_22).run();
    String log = log();
    env.put("GOTOOLCHAIN", "go1.21.0");
    BuildRun other = build(GO_1_22).run();

    assertThat(List.of(first.status(), second.status(), other.status())).containsOnly("SUCCEEDED");
    assertThat(Files.readAllLines(asked)).as("go asked its version by the first build and under the other toolchain").hasSize(2);
    assertThat(log).contains("Runtime golang 1.22: " + go + ", go version go1.22.5 linux/amd64");
    assertThat(notices).containsExactly("linux_amd64: runtime golang 1.22 requested; building with go 1.21.0 from the PATH");
  }

  @Test
  void noMatchingArtifactPaths_failsTheUpload() throws Exception {
    BuildRun run = build("""
        version: 0.2
        phases:
          build:
            commands: [echo nothing built]
        artifacts:
          files: [dist/hello]
        """).run();

    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(run.message()).isEqualTo("UPLOAD_ARTIFACTS: CLIENT_ERROR: no matching artifact paths found: files [dist/hello] matched nothing in the source folder");
    assertThat(dir.resolve("dist")).doesNotExist();
  }

  @Test
  void sourceFailure_failsDownloadSource_andRunsNoCommand() throws Exception {
    source = dest -> {
      throw CrossbatchException.usage("git archive failed", null);
    };

    BuildRun run = build("version: 0.2\nphases:\n  build:\n    commands: [echo build]\n").run();

    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(phases(run)).contains("DOWNLOAD_SOURCE:FAILED").doesNotContain("BUILD:SUCCEEDED");
    assertThat(run.message()).isEqualTo("DOWNLOAD_SOURCE: CLIENT_ERROR: git archive failed");
  }
}
