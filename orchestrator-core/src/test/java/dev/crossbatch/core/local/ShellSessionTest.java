package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.local.ShellSession.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellSessionTest {
  @TempDir Path dir;

  private ShellSession start(String shell, BuildLog log) throws Exception {
    Path work = Files.createDirectories(dir.resolve("src"));
    return ShellSession.start(shell, SessionCommand.onPath("bash", System.getenv("PATH")), work, Map.of("PATH", System.getenv("PATH"), "GREETING", "hi"), dir.resolve("scripts"), log);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "/bin/sh"})
  void run_cdAndExportsPersistFromOneCommandToTheNext(String shell) throws Exception {
    try (BuildLog log = new BuildLog(dir.resolve("build.log"), Clock.systemUTC()); ShellSession session = start(shell, log)) {
      assertThat(session.run("mkdir -p sub && cd sub")).isEqualTo(new Outcome(0, false));
      assertThat(session.run("export NAME=world; LOCAL=x")).isEqualTo(new Outcome(0, false));
      assertThat(session.run("echo \"$GREETING $NAME $LOCAL in $(basename \"$PWD\")\"")).isEqualTo(new Outcome(0, false));
    }
    assertThat(Files.readString(dir.resolve("build.log"))).isEqualTo("hi world x in sub\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "/bin/sh"})
  void run_failingCommand_reportsItsExitStatus_andTheSessionGoesOn(String shell) throws Exception {
    try (BuildLog log = new BuildLog(dir.resolve("build.log"), Clock.systemUTC()); ShellSession session = start(shell, log)) {
      assertThat(session.run("echo before; (exit 3)")).isEqualTo(new Outcome(3, false));
      assertThat(session.run("printf 'no newline'")).isEqualTo(new Outcome(0, false));
      assertThat(session.run("echo after")).isEqualTo(new Outcome(0, false));
    }
    assertThat(Files.readString(dir.resolve("build.log"))).isEqualTo("before\nno newline\nafter\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "/bin/sh"})
  void run_commandThatExitsTheShell_endsTheSessionWithItsStatus(String shell) throws Exception {
    try (BuildLog log = new BuildLog(dir.resolve("build.log"), Clock.systemUTC()); ShellSession session = start(shell, log)) {
      assertThat(session.run("exit 7")).isEqualTo(new Outcome(7, true));
      assertThat(session.run("echo never")).isEqualTo(new Outcome(7, true));
    }
    assertThat(Files.readString(dir.resolve("build.log"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "/bin/sh"})
  void commands_readFromDevNull_notFromTheCommandChannel(String shell) throws Exception {
    try (BuildLog log = new BuildLog(dir.resolve("build.log"), Clock.systemUTC()); ShellSession session = start(shell, log)) {
      assertThat(session.run("cat; echo \"read: [$(cat)]\"")).isEqualTo(new Outcome(0, false));
      assertThat(session.run("echo still here")).isEqualTo(new Outcome(0, false));
    }
    assertThat(Files.readString(dir.resolve("build.log"))).isEqualTo("read: []\nstill here\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "/bin/sh"})
  void captureAndEvaluate_seeTheSessionsStateWithoutLoggingIt(String shell) throws Exception {
    try (BuildLog log = new BuildLog(dir.resolve("build.log"), Clock.systemUTC()); ShellSession session = start(shell, log)) {
      session.run("export GOOS=linux SHA=3f9c2e1a0b4d5c6e7f8091a2b3c4d5e6f7081920");
      assertThat(session.evaluate("hello_${GOOS}_$(echo ${SHA} | cut -c 1-7).zip", dir.resolve("value"))).isEqualTo("hello_linux_3f9c2e1.zip");
      assertThat(session.capture("echo out; echo err >&2", dir.resolve("value"))).isEqualTo("out\nerr\n");
    }
    assertThat(Files.readString(dir.resolve("build.log"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "/bin/sh"})
  void kill_stopsTheShellAndEveryProcessItStarted(String shell) throws Exception {
    Path pids = dir.resolve("pids");
    try (BuildLog log = new BuildLog(dir.resolve("build.log"), Clock.systemUTC()); ShellSession session = start(shell, log)) {
      Thread runner = new Thread(() -> session.run("sleep 300 & echo $! > " + pids + "; sh -c 'sleep 300' & wait"));
      runner.start();
      dev.crossbatch.core.testing.Await.until("the command to write its pid", () -> Files.exists(pids) && !Files.readString(pids).isBlank());
      long sleeper = Long.parseLong(Files.readString(pids).trim());
      assertThat(ProcessHandle.of(sleeper)).isPresent();

      session.kill();
      runner.join(TimeUnit.SECONDS.toMillis(10));

      assertThat(runner.isAlive()).isFalse();
      assertThat(ProcessState.stillRunning(sleeper, Duration.ofSeconds(1))).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "/bin/sh"})
  void kill_reachesOrphansOfACommand_andTheWaitingRunReturnsAtOnce(String shell) throws Exception {
    String marker = "61" + ProcessHandle.current().pid() % 1000; // a sleep no other test starts
    try (BuildLog log = new BuildLog(dir.resolve("build.log"), Clock.systemUTC()); ShellSession session = start(shell, log)) {
      java.util.concurrent.CompletableFuture<Outcome> running = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> session.run("(sleep " + marker + " &); sleep 60")); // the subshell exits: its sleep is nobody's descendant
      List<ProcessHandle> orphans = dev.crossbatch.core.testing.Await.value("the orphan to start", dev.crossbatch.core.testing.Await.LONG,
          () -> java.util.Optional.of(sleeping(marker)).filter(l -> !l.isEmpty()));

      session.kill();

      assertThat(running.get(5, java.util.concurrent.TimeUnit.SECONDS).shellEnded()).isTrue();
      for (ProcessHandle orphan : orphans) {
        assertThat(ProcessState.stillRunning(orphan.pid(), Duration.ofSeconds(2))).as("the orphan was stopped too").isFalse();
      }
    } finally {
      sleeping(marker).forEach(ProcessHandle::destroyForcibly);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "/bin/sh"})
  void close_endsWhatCommandsLeftRunning_childrenAndOrphans_andLogsNoLineOfItsOwn(String shell) throws Exception {
    String child = "62" + ProcessHandle.current().pid() % 1000; // sleeps no other test starts
    String orphan = "63" + ProcessHandle.current().pid() % 1000;
    Path logFile = dir.resolve("build.log");
    try (BuildLog log = new BuildLog(logFile, Clock.systemUTC())) {
      ShellSession session = start(shell, log);
      assertThat(session.run("sleep " + child + " & (sleep " + orphan + " &); echo left")).isEqualTo(new Outcome(0, false));
      dev.crossbatch.core.testing.Await.until("both to start", () -> !sleeping(child).isEmpty() && !sleeping(orphan).isEmpty());
      List<ProcessHandle> left = java.util.stream.Stream.concat(sleeping(child).stream(), sleeping(orphan).stream()).toList();

      session.close();

      for (ProcessHandle p : left) {
        assertThat(ProcessState.stillRunning(p.pid(), Duration.ofSeconds(5))).as("left running: " + p.info().commandLine()).isFalse();
      }
    } finally {
      sleeping(child).forEach(ProcessHandle::destroyForcibly);
      sleeping(orphan).forEach(ProcessHandle::destroyForcibly);
    }
    assertThat(Files.readString(logFile)).contains("left").doesNotContain("end").doesNotContain("\u001e");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "/bin/sh"})
  void close_runsAnExitTrapACommandSet_andStillEndsWhatWasLeftRunning(String shell) throws Exception {
    String child = "64" + ProcessHandle.current().pid() % 1000;
    Path logFile = dir.resolve("build.log");
    try (BuildLog log = new BuildLog(logFile, Clock.systemUTC())) {
      ShellSession session = start(shell, log);
      assertThat(session.run("trap 'echo trapped on exit' EXIT; sleep " + child + " &")).isEqualTo(new Outcome(0, false));
      dev.crossbatch.core.testing.Await.until("the sleep to start", () -> !sleeping(child).isEmpty());
      List<ProcessHandle> left = sleeping(child);

      session.close();

      for (ProcessHandle p : left) {
        assertThat(ProcessState.stillRunning(p.pid(), Duration.ofSeconds(5))).as("left running").isFalse();
      }
    } finally {
      sleeping(child).forEach(ProcessHandle::destroyForcibly);
    }
    assertThat(Files.readString(logFile)).contains("trapped on exit");
  }

  private static List<ProcessHandle> sleeping(String seconds) {
    return ProcessHandle.allProcesses().filter(p -> p.isAlive() && p.info().commandLine().orElse("").endsWith("sleep " + seconds)).toList();
  }
}
