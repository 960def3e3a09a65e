package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.PhaseRecord;
import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.io.FileLock;
import dev.crossbatch.core.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local batch whose runner died (kill -9, a crash) while its state still says IN_PROGRESS: the
 * next look ends it, kills what its builds left running, deletes its workspace, and never signals a
 * process that merely reuses the dead runner's PID.
 */
class DeadRunnerTest {
  @TempDir Path repo;
  final String id = "app-release:" + UUID.randomUUID();
  final String buildId = "app-release:" + UUID.randomUUID();
  Process stranger;
  Process stray;
  StateStore store;

  @BeforeEach
  void crashedBatch() throws Exception {
    Files.writeString(repo.resolve("crossbatch.yml"), "name: app\nplatforms: [linux/amd64]\n");
    store = new StateStore(repo.resolve(".crossbatch"));
    Instant t = Instant.parse("2026-11-30T10:00:00Z");
    BuildRun running = new BuildRun("linux_amd64", buildId, "IN_PROGRESS", "BUILD", t, null, 1, false, List.of(), Map.of("GOOS", "linux", "GOARCH", "amd64"),
        List.of(new PhaseRecord("SUBMITTED", "SUCCEEDED", t, t, null), new PhaseRecord("BUILD", null, t, null, null)), null, null, null);
    BuildRun queued = new BuildRun("darwin_arm64", "app-release:" + UUID.randomUUID(), "PENDING", "QUEUED", null, null, 1, false, List.of(),
        Map.of("GOOS", "darwin", "GOARCH", "arm64"), List.of(new PhaseRecord("QUEUED", null, t, null, null)), null, null, null);
    store.save(new BatchSnapshot(id, "local", "app-release", "IN_PROGRESS", "IN_PROGRESS", "", "3f9c2e1" + "0".repeat(33), "v1", false, t, null, false,
        null, List.of(running, queued), null));
    store.memory().remember(id);
    // a process that got the dead runner's PID: same number, another start time
    stranger = new ProcessBuilder("sleep", "300").start();
    Files.writeString(store.batchDir(id).resolve("runner.pid"), stranger.pid() + " 2001-01-01T00:00:00Z\n");
    Files.writeString(store.batchDir(id).resolve("runner.lock"), "batch " + id + " pid " + stranger.pid() + "\n");
    // what the running build had started, still going after its runner was killed
    ProcessBuilder leftover = new ProcessBuilder("sleep", "301");
    leftover.environment().put("CODEBUILD_BUILD_ID", buildId);
    stray = leftover.start();
    Files.createDirectories(store.batchDir(id).resolve("work/linux_amd64/src"));
  }

  @AfterEach
  void cleanUp() {
    stranger.destroyForcibly();
    stray.destroyForcibly();
  }

  LocalBuildService service() {
    ProjectConfig config = ConfigLoader.load(repo.resolve("crossbatch.yml"), "crossbatch.yml");
    return new LocalBuildService(config, Map.of("PATH", System.getenv("PATH")), Clock.systemUTC(), n -> { });
  }

  @Test
  void describe_endsTheBatchAsFailed_runnerDied_killsItsStrays_andDeletesItsWorkspace() throws Exception {
    BatchSnapshot seen = service().describe(id);

    assertThat(seen.complete()).isTrue();
    assertThat(seen.status()).isEqualTo("FAILED");
    assertThat(seen.message()).startsWith("runner died: the process that ran it (pid " + stranger.pid() + ") ended before the batch did");
    assertThat(seen.builds()).extracting(BuildRun::status).containsExactly("FAILED", "STOPPED");
    assertThat(seen.builds().get(0).message()).startsWith("runner died");
    assertThat(service().describe(id).status()).as("saved").isEqualTo("FAILED");
    assertThat(ProcessState.stillRunning(stray.pid(), Duration.ofSeconds(5))).as("the build's leftover process").isFalse();
    assertThat(store.batchDir(id).resolve("work")).doesNotExist();
    assertThat(stranger.isAlive()).as("the process that reused the PID").isTrue();
  }

  @Test
  void stop_ofABatchWhoseRunnerDied_endsItStoppedAtOnce_andSignalsNobody() throws Exception {
    BatchSnapshot stopped = service().stop(id);

    assertThat(stopped.complete()).isTrue();
    assertThat(stopped.status()).isEqualTo("STOPPED");
    assertThat(stopped.message()).contains("runner died").endsWith("; stopped");
    assertThat(stranger.isAlive()).as("no SIGTERM to the process that reused the PID").isTrue();
    assertThat(stranger.waitFor(300, java.util.concurrent.TimeUnit.MILLISECONDS)).as("still alive a moment later").isFalse();
  }

  @Test
  void aRunnerThatHoldsItsLock_isAlive_andItsBatchIsLeftAsItIs() throws Exception {
    try (FileLock held = FileLock.tryAcquire(store.batchDir(id).resolve("runner.lock")).orElseThrow()) {
      assertThat(service().describe(id).status()).isEqualTo("IN_PROGRESS");
      assertThat(stray.isAlive()).isTrue();
    }
    assertThat(service().describe(id).status()).as("once the lock is free").isEqualTo("FAILED");
  }

  @Test
  void theNextBatchStarted_endsTheDeadOne_andLeavesNoWorkspaceOfIt() throws Exception {
    Files.writeString(repo.resolve(".gitignore"), ".crossbatch/\n");
    dev.crossbatch.core.source.TestGit.git(repo, "init", "-q", "-b", "main");
    dev.crossbatch.core.source.TestGit.git(repo, "add", "-A");
    dev.crossbatch.core.source.TestGit.git(repo, "commit", "-q", "-m", "one");
    LocalBuildService service = service();

    service.prepare(new dev.crossbatch.core.batch.BatchRequest(ConfigLoader.load(repo.resolve("crossbatch.yml"), "crossbatch.yml"),
        "version: 0.2\nphases:\n  build:\n    commands: ['true']\n", "buildspecs/buildspec.yml", Map.of(), null, Map.of(), List.of(), false, 1, Duration.ofMinutes(1)));

    assertThat(store.load(id).orElseThrow().status()).isEqualTo("FAILED");
    assertThat(store.batchDir(id).resolve("work")).doesNotExist();
    Await.until("the stray to end", () -> !ProcessState.stillRunning(stray.pid(), Duration.ZERO));
  }
}
