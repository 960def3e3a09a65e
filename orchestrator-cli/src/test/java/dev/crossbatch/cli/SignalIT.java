package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.local.ProcessState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C and SIGTERM on a real crossbatch process: every build's process tree stops, exit 130, nothing partial left. */
class SignalIT {
  static final Path LAUNCHER = Path.of("..").toAbsolutePath().normalize().resolve("crossbatch");

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void signal_duringRelease_stopsEveryBuildAndItsProcesses_andExits130(String signal, @TempDir Path tmp) throws Exception {
    Path pids = Files.createDirectories(tmp.resolve("pids"));
    Path repo = Example.genericApp(tmp.resolve("app"), "[linux/amd64, linux/arm64]", "mkdir -p out && echo x > out/app", "sleep 300 & echo $! > \"$PIDS/$CODEBUILD_BATCH_BUILD_IDENTIFIER\"; wait");
    Path output = tmp.resolve("output.txt");
    Process release = new ProcessBuilder(Processes.withDefaultSignals(List.of(LAUNCHER.toString(), "release", "--parallel", "2", "--env", "PIDS=" + pids)))
        .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    dev.crossbatch.core.testing.Await.until("both builds to be running: " + output, () -> fileCount(pids) == 2);
    List<Long> sleepers;
    try (Stream<Path> files = Files.list(pids)) {
      sleepers = files.map(p -> Long.parseLong(read(p).trim())).toList();
    }

    new ProcessBuilder("kill", "-" + signal, Long.toString(release.pid())).start().waitFor();
    boolean ended = release.waitFor(60, TimeUnit.SECONDS);

    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(ended).as(printed).isTrue();
    assertThat(release.exitValue()).as(printed).isEqualTo(130);
    assertThat(printed).contains("crossbatch: release interrupted; every build was stopped and no SHA256SUMS was written");
    for (long pid : sleepers) {
      assertThat(ProcessState.stillRunning(pid, Duration.ofSeconds(5))).as("build process %d", pid).isFalse();
    }
    assertThat(repo.resolve("dist/SHA256SUMS")).doesNotExist();
    if (Files.exists(repo.resolve("dist"))) {
      try (Stream<Path> files = Files.list(repo.resolve("dist"))) {
        assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".part"));
      }
    }
  }

  private static long fileCount(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> !read(p).isBlank()).count();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }

}
