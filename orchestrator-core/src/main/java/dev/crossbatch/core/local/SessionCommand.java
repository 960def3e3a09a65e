package dev.crossbatch.core.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command line that starts a build's shell: under setsid(1) where there is one, so that the
 * shell leads a process group of its own and a stop reaches every process a command started, even
 * one its parent no longer knows (an orphan is no descendant).
 */
final class SessionCommand {
  /** setsid(1) from util-linux. */
  static final String SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid").filter(f -> Files.isExecutable(Path.of(f))).findFirst().orElse(null);

  private SessionCommand() {}

  /**
   * @param sh the buildspec asked for /bin/sh rather than bash
   * @param bash bash as this machine's PATH finds it ({@link #onPath}), by its full path, as a process
   *     started by name would be found; null: not found. setsid would look a bare name up on the
   *     build's PATH, which a buildspec may set to anything; found once per batch rather than by a
   *     shell that starts itself again under setsid, one process less per build (docs/benchmarks.md)
   * @param driver the script that runs each command the session is given
   * @param end what bash does last under setsid (ends its group)
   */
  static List<String> of(boolean sh, String bash, String driver, String end) {
    List<String> command = new ArrayList<>();
    String shell = sh ? "/bin/sh" : bash;
    // without setsid, or without bash on the PATH (starting it by name then says so), the shell leads
    // no group of its own, and must not end its group: that is this process's
    boolean group = SETSID != null && shell != null;
    if (group) {
      command.add(SETSID);
    }
    command.add(shell != null ? shell : "bash");
    if (!sh) {
      command.addAll(List.of("--noprofile", "--norc"));
    }
    command.addAll(List.of("-c", group && !sh ? driver + end : driver));
    return command;
  }

  /** Whether the shell {@code command} ({@link #of}) starts leads a process group of its own: only then is its group signalled. */
  static boolean leadsGroup(List<String> command) {
    return SETSID != null && command.get(0).equals(SETSID);
  }

  /** The first executable file {@code name} in the folders of {@code path}, absolute; null when there is none. */
  static String onPath(String name, String path) {
    if (path == null) {
      return null;
    }
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path file = Path.of(dir, name).toAbsolutePath();
      if (Files.isRegularFile(file) && Files.isExecutable(file)) {
        return file.toString();
      }
    }
    return null;
  }
}
