package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.Cli.Run;
import dev.crossbatch.core.local.ProcessState;
import dev.crossbatch.core.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed launcher killed with SIGKILL in the middle of a release, as a crash or an OOM killer
 * would: no shutdown hook runs, runner.pid and an IN_PROGRESS state stay behind. The next look ends
 * the batch ("runner died") at once, the builds' processes go, nothing waits for ever, and the next
 * release of the folder runs whole.
 */
class KilledRunnerIT {
  static final Path LAUNCHER = Path.of("..").toAbsolutePath().normalize().resolve("crossbatch");

  @Test
  void afterKill9_statusWatchAndStopEndAtOnce_theBuildsProcessesGo_andTheNextReleaseIsWhole(@TempDir Path tmp) throws Exception {
    Path pids = Files.createDirectories(tmp.resolve("pids"));
    Path repo = Example.genericApp(tmp.resolve("app"), "[linux/amd64, linux/arm64]", "mkdir -p out && echo \"$GOOS\" > out/app", "test -z \"$PIDS\" || { sleep 300 & echo $! > \"$PIDS/$CODEBUILD_BATCH_BUILD_IDENTIFIER\"; wait; }");
    Process release = new ProcessBuilder(LAUNCHER.toString(), "release", "--parallel", "2", "--env", "PIDS=" + pids)
        .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("output.txt").toFile()).start();
    List<Long> sleepers = Await.value("both builds to be running", Await.LONG, () -> {
      try (Stream<Path> files = Files.list(pids)) {
        List<Long> found = files.map(KilledRunnerIT::pid).filter(p -> p > 0).toList();
        return found.size() == 2 ? java.util.Optional.of(found) : java.util.Optional.empty();
      }
    });

    release.destroyForcibly(); // SIGKILL
    assertThat(release.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(release.exitValue()).isEqualTo(137);

    Run status = Cli.run(repo, "status");
    assertThat(status.exit()).as(status.out() + status.err()).isEqualTo(1);
    assertThat(status.out()).contains("FAILED").contains("runner died: the process that ran it (pid " + release.pid() + ") ended before the batch did");
    for (long pid : sleepers) {
      assertThat(ProcessState.stillRunning(pid, Duration.ofSeconds(10))).as("build process %d", pid).isFalse();
    }
    Run watch = Cli.run(repo, "watch");
    assertThat(watch.exit()).isEqualTo(1);
    Run stop = Cli.run(repo, "stop");
    assertThat(stop.exit()).isZero();
    assertThat(stop.out()).endsWith("had already ended: FAILED\n");

    Run again = Cli.run(repo, "release");
    assertThat(again.exit()).as(again.err()).isZero();
    Processes.Result check = Processes.run(repo.resolve("dist"), java.util.Map.of(), List.of("sha256sum", "-c", "SHA256SUMS"));
    assertThat(check.exit()).as(check.output()).isZero();
    try (Stream<Path> batches = Files.list(repo.resolve(".crossbatch/batches"))) {
      assertThat(batches.filter(b -> Files.exists(b.resolve("work")))).as("no workspace left behind").isEmpty();
    }
  }

  private static long pid(Path file) {
    try {
      String text = Files.readString(file).trim();
      return text.isEmpty() ? 0 : Long.parseLong(text);
    } catch (java.io.IOException | NumberFormatException e) {
      return 0;
    }
  }
}
