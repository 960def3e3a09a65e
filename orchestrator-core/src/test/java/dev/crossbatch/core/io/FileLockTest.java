package dev.crossbatch.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.testing.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locks held by processes: another process (Python's fcntl.lockf takes the same POSIX locks) and this JVM. */
class FileLockTest {
  @TempDir Path dir;

  /** Another process that holds the lock on {@code file} until it is killed. */
  private Process holder(Path file) throws Exception {
    Process p = new ProcessBuilder("python3", "-c", "import fcntl,sys\nf=open(sys.argv[1],'a')\nf.write('batch x (pid 1, since 10:00:00)')\nf.flush()\n"
        + "fcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\nsys.stdin.read()", file.toString()).start();
    assertThat(new BufferedReader(new InputStreamReader(p.getInputStream())).readLine()).isEqualTo("locked");
    return p;
  }

  @Test
  void aLockHeldByAnotherProcess_isHeldElsewhere_untilThatProcessIsKilled() throws Exception {
    Path file = dir.resolve("runner.lock");
    Process other = holder(file);

    assertThat(FileLock.heldElsewhere(file)).isTrue();
    assertThat(FileLock.tryAcquire(file)).isEmpty();
    assertThat(FileLock.holder(file)).isEqualTo("batch x (pid 1, since 10:00:00)");

    other.destroyForcibly(); // kill -9: the system drops its locks
    assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
    try (FileLock mine = FileLock.tryAcquire(file).orElseThrow()) {
      assertThat(FileLock.heldElsewhere(file)).as("held by this JVM counts as held").isTrue();
      assertThat(FileLock.tryAcquire(file)).isEmpty();
    }
    assertThat(FileLock.heldElsewhere(file)).isFalse();
  }

  @Test
  void aLockTakenToBeRemoved_leavesNoFile_andTheNextOneIsTakenFresh() throws Exception {
    Path file = dir.resolve(".crossbatch.lock");
    try (FileLock lock = FileLock.tryAcquire(file, true).orElseThrow()) {
      lock.describe("me");
      assertThat(file).exists();
      assertThat(FileLock.holder(file)).isEqualTo("me");
    }
    assertThat(file).doesNotExist();
    try (FileLock again = FileLock.tryAcquire(file, true).orElseThrow()) {
      assertThat(again.file()).isEqualTo(file);
    }
  }

  @Test
  void outputLock_refusesAtOnceNamingTheHolder_orWaitsSayingSo() throws Exception {
    Path dist = Files.createDirectories(dir.resolve("dist"));
    Process other = holder(dist.resolve(OutputLock.FILE));

    CrossbatchException refused = catchThrowableOfType(CrossbatchException.class,
        () -> OutputLock.acquire(dist, "crossbatch release", OutputLock.Waiting.refuse(Clock.systemUTC())));
    assertThat(refused.kind()).isEqualTo(ErrorKind.USAGE);
    assertThat(refused.getMessage()).startsWith(dist + " is in use by batch x (pid 1, since 10:00:00)");
    assertThat(refused.hint()).get().asString().contains("--wait-lock");

    List<String> notices = new CopyOnWriteArrayList<>();
    OutputLock.Waiting patient = new OutputLock.Waiting(true, Duration.ofMillis(20), dev.crossbatch.core.time.Sleeper.real(), Clock.systemUTC(), notices::add);
    CompletableFuture<OutputLock> waiting = CompletableFuture.supplyAsync(() -> OutputLock.acquire(dist, "crossbatch release", patient));
    Await.until("the notice that it waits", () -> !notices.isEmpty());
    assertThat(notices).containsExactly("waiting for batch x (pid 1, since 10:00:00) to finish with " + dist);
    assertThat(waiting).isNotDone();

    other.destroyForcibly();
    try (OutputLock mine = waiting.get(60, TimeUnit.SECONDS)) {
      assertThat(FileLock.holder(dist.resolve(OutputLock.FILE))).startsWith("crossbatch release (pid " + ProcessHandle.current().pid() + ", since ");
    }
    assertThat(dist.resolve(OutputLock.FILE)).doesNotExist();
  }
}
