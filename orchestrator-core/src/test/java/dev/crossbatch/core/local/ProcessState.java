package dev.crossbatch.core.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * For tests that stop processes: whether one still runs. Alive is not enough where PID 1 does not
 * reap orphans, as here: a killed orphan stays a zombie, so /proc's state decides.
 */
public final class ProcessState {
  private ProcessState() {}

  /** Whether {@code pid} still runs after {@code patience}; false as soon as it is gone or a zombie. */
  public static boolean stillRunning(long pid, Duration patience) throws IOException, InterruptedException {
    Path status = Path.of("/proc/" + pid + "/status");
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        if (!Files.exists(status) || Files.readAllLines(status).stream().anyMatch(l -> l.startsWith("State:") && l.contains("Z"))) {
          return false;
        }
      } catch (IOException e) {
        // it ended while being read: a missing file, or ESRCH ("No such process") from the read itself
        if (!Files.exists(status)) {
          return false;
        }
        // still listed: read it again below, until the deadline
      }
      if (System.nanoTime() >= deadline) {
        return true;
      }
      Thread.sleep(20);
    }
  }
}
