package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.testing.Await;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The live view on a real terminal: the installed launcher runs in tmux (a pseudo-terminal of a
 * given size), and the screen tmux holds at the end must show the summary, with no row wider than
 * the terminal and the live table drawn in one place, not smeared up the scrollback.
 */
class TerminalIT {
  static final Path LAUNCHER = Path.of("..").toAbsolutePath().normalize().resolve("crossbatch");

  @TempDir Path tmp;

  private Processes.Result tmux(String socket, String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
    command.addAll(List.of(args));
    return Processes.run(tmp, Map.of("TERM", "xterm-256color"), command);
  }

  @ParameterizedTest(name = "{0} on {1}x{2}")
  @CsvSource({"release,80,24", "release,160,40", "start --local --wait,80,24"})
  void onATerminal_theSummaryStaysOnScreen_andNoRowWraps(String command, int columns, int rows) throws Exception {
    Path repo = Example.genericApp(tmp.resolve("app"), "[linux/amd64, linux/arm64, darwin/amd64, darwin/arm64, windows/amd64, windows/arm64]", "mkdir -p out && echo \"$GOOS\" > out/app", "sleep 2");
    String socket = "cb" + ProcessHandle.current().pid() + "x" + columns;
    String script = "cd " + repo + " && " + LAUNCHER + " " + command + "; echo EXIT=$?; sleep 600";
    try {
      Processes.Result started = tmux(socket, "new-session", "-d", "-s", "t", "-x", Integer.toString(columns), "-y", Integer.toString(rows), script);
      assertThat(started.exit()).as(started.output()).isZero();

      String screen = Await.value("the command to end on the terminal", Await.LONG, () -> {
        String shown = tmux(socket, "capture-pane", "-p", "-t", "t").output();
        return shown.contains("EXIT=") ? java.util.Optional.of(shown) : java.util.Optional.empty();
      });
      String history = tmux(socket, "capture-pane", "-p", "-S", "-", "-t", "t").output();

      assertThat(screen).as(screen).contains("EXIT=0").contains("PLATFORM").contains("FILE");
      if (command.equals("release")) {
        assertThat(screen).contains("released app from commit");
      }
      for (String line : screen.split("\n")) {
        assertThat(line.length()).as("a row of the %d-column screen: %s", columns, line).isLessThanOrEqualTo(columns);
      }
      long headers = history.lines().filter(l -> l.startsWith("batch app-release:")).count();
      assertThat(headers).as("the live table drawn in one place:\n" + history).isEqualTo(1);
      assertThat(history.lines().filter(l -> l.startsWith("PLATFORM") && l.contains("PHASE")).count()).as(history).isEqualTo(1);
    } finally {
      tmux(socket, "kill-server");
    }
  }
}
