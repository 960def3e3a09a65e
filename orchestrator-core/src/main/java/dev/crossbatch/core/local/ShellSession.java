package dev.crossbatch.core.local;

import dev.crossbatch.core.config.Names;
import dev.crossbatch.core.text.QuotedWords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One shell process that runs every command of a build, as CodeBuild's buildspec v0.2 does: cd
 * and exports persist from one command to the next.
 *
 * <p>Each command is written to a file whose path goes to the shell on stdin; the shell sources it
 * ({@code .}), so the command runs in the session itself, with stdin from /dev/null, and reports
 * its exit status on stdout behind a control character that the output pump strips. Output goes to
 * the build log as it comes.
 */
final class ShellSession implements AutoCloseable {
  private static final byte MARK = 0x1e;
  private static final String DRIVER =
      "exec 3<&0 </dev/null 2>&1\n"
          + "while IFS= read -r __cb_f <&3; do\n"
          + "  . \"$__cb_f\" 3<&-\n"
          + "  printf '\\036rc %d\\n' \"$?\"\n"
          + "done\n";
  // bash's end under setsid: it says so, then ends its group, itself and what commands left running
  // included; not when a command set an EXIT trap, which then runs as the shell exits, as before
  private static final String END = "if [ -z \"$(trap -p EXIT)\" ]; then printf '\\036end\\n'; kill -9 0; fi\n";

  /** How a command ended: its exit status, or the shell itself ended (exit, kill). */
  record Outcome(int exitCode, boolean shellEnded) {
    boolean ok() {
      return exitCode == 0 && !shellEnded;
    }
  }

  private final Process process;
  /** The shell leads a process group of its own (started under setsid): what {@link #signalGroup} signals. */
  private final boolean group;
  /** The build's id, which every process it starts inherits: how strays outside the group are found. */
  private final String buildId;
  private final Writer commands;
  private final Path scripts;
  private final BlockingQueue<Integer> results = new LinkedBlockingQueue<>();
  private final Thread pump;
  private int counter;
  private volatile boolean ended;
  /** The input is closed (only then is an end line the driver's own); the shell ended its group ({@link #END}). */
  private volatile boolean closing;
  private volatile boolean groupEnded;
  /** Counted down when the shell's end line is read, or its output ends. */
  private final CountDownLatch endRead = new CountDownLatch(1);

  private ShellSession(Process process, boolean group, String buildId, Path scripts, BuildLog log) {
    this.process = process;
    this.group = group;
    this.buildId = buildId;
    this.scripts = scripts;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.pump = new Thread(() -> pump(process.getInputStream(), log), "shell-output");
    this.pump.setDaemon(true);
    this.pump.start();
  }

  /**
   * @param shell the buildspec's env/shell: bash (default) or /bin/sh
   * @param bash bash's full path on this machine's PATH, or null ({@link SessionCommand#of})
   * @param env the build's whole environment; nothing else is inherited
   */
  static ShellSession start(String shell, String bash, Path workDir, Map<String, String> env, Path scripts, BuildLog log) {
    List<String> command = SessionCommand.of(shell.equals("/bin/sh") || shell.equals("sh"), bash, DRIVER, END);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      Files.createDirectories(scripts);
      return new ShellSession(builder.start(), SessionCommand.leadsGroup(command), env.get(ProcessSweep.VARIABLE), scripts, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  /** Runs one command in the session and waits for it. */
  Outcome run(String command) {
    if (ended) {
      return new Outcome(exitValue(), true);
    }
    Path file = scripts.resolve("command-" + (++counter) + ".sh");
    try {
      Files.writeString(file, command + "\n", StandardCharsets.UTF_8);
      commands.write(file.toString() + "\n");
      commands.flush();
    } catch (IOException e) {
      // the shell is gone: its exit status tells why
      return new Outcome(exitValue(), true);
    }
    try {
      Integer rc = results.take();
      return rc < 0 ? new Outcome(exitValue(), true) : new Outcome(rc, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(exitValue(), true);
    }
  }

  /** Runs a command without logging it and returns what it printed (stdout and stderr). */
  String capture(String command, Path output) {
    Outcome outcome = run("{ " + command + "\n} > " + QuotedWords.shellQuoted(output.toString()) + " 2>&1");
    try {
      return Files.exists(output) && !outcome.shellEnded() ? Files.readString(output, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The value of {@code word} as the shell expands a double-quoted word in this session's state:
   * how CodeBuild evaluates the buildspec's artifacts/name.
   */
  String evaluate(String word, Path output) {
    return capture("printf '%s' \"" + word + "\"", output);
  }

  /**
   * The value a variable has in this session when the build ends, as CodeBuild reports
   * {@code exported-variables}: a shell variable, else the environment's (names a shell cannot read).
   */
  String exported(String name, Path output) {
    return Names.ENV_NAME.matcher(name).matches() ? evaluate("${" + name + "}", output) : capture("printenv " + QuotedWords.shellQuoted(name), output).replaceFirst("\n$", "");
  }

  /** Stops the shell and everything it started: descendants first, as they outlive their parent otherwise. */
  void kill() {
    ended = true;
    signalGroup("TERM");
    for (int round = 0; round < 5 && process.isAlive(); round++) {
      List<ProcessHandle> tree = process.descendants().toList();
      tree.forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (process.waitFor(2, TimeUnit.SECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      tree.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    signalGroup("KILL");
    sweep();
    results.add(-1); // an orphan may hold the output open long after: a waiting run() returns now
  }

  /** Processes of this build that left its group and lost their parent (setsid, then orphaned) end too. */
  private void sweep() {
    if (buildId != null) {
      ProcessSweep.kill(java.util.Set.of(buildId));
    }
  }

  /** Sends a signal to the shell's process group (all it started, orphans included), when it leads one. */
  private void signalGroup(String signal) {
    if (!group) {
      return; // the shell leads no group of its own: -PID names no group of this build's
    }
    try {
      Process kill = new ProcessBuilder("bash", "-c", "kill -" + signal + " -- -" + process.pid() + " 2>/dev/null; true")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor(2, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no bash to send it: the descendants were signalled one by one
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      commands.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    // background processes a command left behind do not outlive the build: the shell has ended its
    // group when it said so (its end line is in the pipe before it dies, so read at once)
    try {
      endRead.await(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!groupEnded) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      signalGroup("KILL");
    }
    sweep();
  }

  private int exitValue() {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      return process.isAlive() ? -1 : process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Copies output to the log, line by line, and turns marker lines into results. */
  private void pump(InputStream in, BuildLog log) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          line.write(buffer[i]);
          if (buffer[i] == '\n') {
            flushLine(line, log);
          }
        }
      }
    } catch (IOException e) {
      // the process is gone
    } finally {
      if (line.size() > 0) {
        flushLine(line, log);
      }
      ended = true;
      endRead.countDown();
      results.add(-1);
    }
  }

  private void flushLine(ByteArrayOutputStream line, BuildLog log) {
    byte[] bytes = line.toByteArray();
    line.reset();
    int mark = -1;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == MARK) {
        mark = i;
        break;
      }
    }
    String rest = mark < 0 ? "" : new String(bytes, mark + 1, bytes.length - mark - 1, StandardCharsets.UTF_8).trim();
    if (mark == 0 && closing && rest.equals("end")) {
      groupEnded = true;
      endRead.countDown();
      return;
    }
    if (mark < 0 || !rest.startsWith("rc ")) {
      log.output(bytes, 0, bytes.length);
      return;
    }
    if (mark > 0) {
      // the command's last line had no newline
      log.output(bytes, 0, mark);
      log.output(new byte[] {'\n'}, 0, 1);
    }
    results.add(Integer.parseInt(rest.substring(3).trim()));
  }
}
