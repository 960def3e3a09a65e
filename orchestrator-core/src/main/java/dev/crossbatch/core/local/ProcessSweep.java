package dev.crossbatch.core.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the processes a build started by the variable every one of them inherits,
 * {@code CODEBUILD_BUILD_ID}, in {@code /proc/PID/environ}: the one mark that survives a process
 * leaving the build's process group (setsid) and its parent dying, where neither the group nor
 * the process tree reaches it any more. Jenkins finds a build's strays the same way (its
 * ProcessTreeKiller's BUILD_ID cookie). A process that clears its environment escapes, as it does
 * there. Linux only: elsewhere there is no /proc to read and nothing is found.
 */
final class ProcessSweep {
  static final String VARIABLE = "CODEBUILD_BUILD_ID";
  private static final Path PROC = Path.of("/proc");
  private static final int MAX_ENVIRON = 1 << 20;

  private ProcessSweep() {}

  /** The processes, other than this one, whose environment has {@code VARIABLE=} one of {@code buildIds}. */
  static List<ProcessHandle> find(Set<String> buildIds) {
    List<ProcessHandle> found = new ArrayList<>();
    if (buildIds.isEmpty() || !Files.isDirectory(PROC)) {
      return found;
    }
    long self = ProcessHandle.current().pid();
    ProcessHandle.allProcesses().filter(p -> p.pid() != self).forEach(p -> {
      String id = buildId(p.pid());
      if (id != null && buildIds.contains(id)) {
        found.add(p);
      }
    });
    return found;
  }

  /** Kills every process of these builds and waits (a few seconds at most) until they are gone; returns how many there were. */
  static int kill(Set<String> buildIds) {
    List<ProcessHandle> strays = find(buildIds);
    strays.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
    for (ProcessHandle p : strays) {
      while (running(p.pid()) && System.nanoTime() - deadline < 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
      }
    }
    return strays.size();
  }

  private static final java.time.Duration GONE_WITHIN = java.time.Duration.ofSeconds(5);

  /** Still running: there, and not a zombie (an orphan's zombie stays where PID 1 does not reap). */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      int close = stat.lastIndexOf(')');
      return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'Z' && stat.charAt(close + 2) != 'X';
    } catch (IOException e) {
      return false;
    }
  }

  /** The build id in a process's environment, or null (no such variable, or the process is gone or not ours to read). */
  private static String buildId(long pid) {
    byte[] environ;
    try (InputStream in = Files.newInputStream(PROC.resolve(Long.toString(pid)).resolve("environ"))) {
      environ = in.readNBytes(MAX_ENVIRON);
    } catch (IOException | SecurityException e) {
      return null;
    }
    String prefix = VARIABLE + "=";
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        String entry = new String(environ, start, i - start, StandardCharsets.UTF_8);
        if (entry.startsWith(prefix)) {
          return entry.substring(prefix.length());
        }
        start = i + 1;
      }
    }
    return null;
  }
}
