package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crossbatch completion: each script loaded by its real shell, asked what it completes. */
class CompletionTest {
  @TempDir Path dir;

  Path script(String shell) throws Exception {
    Run run = Cli.run(dir, "completion", shell);
    assertThat(run.exit()).as(run.err()).isZero();
    return Files.writeString(dir.resolve("crossbatch." + shell), run.out());
  }

  /** What bash's completion function offers for the words of {@code line} (the last one being completed). */
  String bash(Path script, String line) {
    String words = line.endsWith(" ") ? line + "''" : line;
    return Processes.ok(dir, "bash", "-c", "source " + script + "; COMP_WORDS=(" + words + "); COMP_CWORD=$((${#COMP_WORDS[@]}-1));"
        + " COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_crossbatch 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");
  }

  @Test
  void bash_completesCommands_nestedCommands_optionsAndTheirValues() throws Exception {
    Path script = script("bash");

    assertThat(bash(script, "crossbatch rel").lines()).containsExactly("release");
    assertThat(bash(script, "crossbatch artifacts ").lines()).contains("list", "download");
    assertThat(bash(script, "crossbatch release --pla").lines()).containsExactly("--platform");
    assertThat(bash(script, "crossbatch completion ").lines()).containsExactly("bash", "zsh", "fish");
    assertThat(bash(script, "crossbatch status --output ").lines()).containsExactly("table", "json", "text");
    assertThat(bash(script, "crossbatch ").lines()).doesNotContain("__run-batch", "warm-up").contains("verify", "keygen");
  }

  @Test
  void zsh_loadsTheScriptThroughBashcompinit_andItsMatchesNarrowToWhatIsTyped() throws Exception {
    Path script = script("zsh");
    String zsh = "autoload -U +X compinit && compinit -u; source " + script + "; print -r -- \"$_comps[crossbatch]\";"
        + " words=(crossbatch release --pla); CURRENT=3; COMP_WORDS=(\"${words[@]}\"); COMP_CWORD=2;"
        + " COMP_LINE=\"crossbatch release --pla\"; COMP_POINT=24;"
        + " m=(${(f)\"$(compgen -F _complete_crossbatch -- --pla)\"}); print -l -- ${(M)m:#--pla*}";

    List<String> lines = Processes.ok(dir, "zsh", "-f", "-c", zsh).lines().toList();

    assertThat(lines).containsExactly("_bash_complete -F _complete_crossbatch -o default", "--platform");
  }

  @Test
  void fish_completesCommandsWithTheirDescriptions_nestedCommands_optionsAndShells() throws Exception {
    Path script = script("fish");
    String fish = "source " + script + "; complete -C 'crossbatch rel'; echo ==; complete -C 'crossbatch artifacts ';"
        + " echo ==; complete -C 'crossbatch release --pla'; echo ==; complete -C 'crossbatch completion ';"
        + " echo ==; complete -C 'crossbatch hel'";

    String[] parts = Processes.ok(dir, "fish", "--no-config", "-c", fish).split("==\n");

    assertThat(parts[0]).startsWith("release\tBuild every platform");
    assertThat(parts[1].lines()).anyMatch(l -> l.startsWith("list\t")).anyMatch(l -> l.startsWith("download\t"));
    assertThat(parts[2]).startsWith("--platform\t");
    assertThat(parts[3].lines()).containsExactlyInAnyOrder("bash", "zsh", "fish"); // fish sorts them
    // picocli's help command: its header, not its description, which starts with picocli's %n
    assertThat(parts[4]).isEqualTo("help\tDisplay help information about the specified command.\n");
  }

  @Test
  void anUnknownShellIsRefusedWithTheOnesThereAre() {
    Run run = Cli.run(dir, "completion", "tcsh");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no completion for shell 'tcsh'", "give bash, zsh or fish");
  }
}
