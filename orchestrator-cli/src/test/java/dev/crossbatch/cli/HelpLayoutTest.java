package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.session.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * Every command's --help at 80 columns: no line wider, no word split across lines, and every
 * example a whole line that pastes as it is (a long one continued with a backslash).
 */
class HelpLayoutTest {
  static final int COLUMNS = 80;

  @TempDir Path dir;

  @Test
  void everyHelpPage_fitsEightyColumns_splitsNoWord_andKeepsEachExampleWhole() {
    CommandLine every = CrossbatchCommand.everyCommand(CliContext.plain(dir, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
    List<String> problems = new ArrayList<>();
    check("crossbatch", every, problems);
    assertThat(problems).isEmpty();
  }

  @Test
  void commandList_givesEachCommandsHeaderOrFirstLine_withoutPicocliFormatting() {
    CommandLine every = CrossbatchCommand.everyCommand(CliContext.plain(dir, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
    every.setUsageHelpAutoWidth(false);
    every.setUsageHelpWidth(COLUMNS);
    String help = every.getUsageMessage(CommandLine.Help.Ansi.OFF);

    // picocli's help command has a header, and a description that starts with a line break (%n)
    assertThat(help).contains("\n  help        Display help information about the specified command.\n")
        .contains("\n  validate    Check crossbatch.yml and buildspecs against CodeBuild's rules.\n")
        .doesNotContain("%n");
  }

  private void check(String name, CommandLine command, List<String> problems) {
    command.setUsageHelpAutoWidth(false);
    command.setUsageHelpWidth(COLUMNS);
    CommandSpec spec = command.getCommandSpec();
    String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
    help.lines().filter(l -> l.length() > COLUMNS).forEach(l -> problems.add(name + ": wider than " + COLUMNS + ": " + l));
    String words = words(help);
    List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
    for (ArgSpec arg : spec.args()) {
      if (!arg.hidden()) {
        texts.add(String.join(" ", arg.description()));
      }
    }
    for (String text : texts) {
      if (!words.contains(words(text.replace("%n", " ")))) {
        problems.add(name + ": split or missing: " + text);
      }
    }
    List<String> lines = help.lines().toList();
    for (String footer : spec.usageMessage().footer()) {
      for (String line : footer.split("%n")) {
        if (line.startsWith("  ") && !lines.contains(line)) {
          problems.add(name + ": example not a whole line: " + line);
        }
      }
    }
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (!sub.getValue().getCommandSpec().usageMessage().hidden() && !sub.getKey().equals("help")) {
        check(name + " " + sub.getKey(), sub.getValue(), problems);
      }
    }
  }

  private static String words(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
