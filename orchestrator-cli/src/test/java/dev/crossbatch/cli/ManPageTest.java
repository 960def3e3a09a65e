package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.manual.ManPage;
import dev.crossbatch.cli.session.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** crossbatch.1, rendered by the system's man and checked by groff for warnings. */
class ManPageTest {
  @TempDir Path dir;

  @Test
  void theManualPage_rendersWithManWithoutWarnings_andHoldsEveryCommandItsOptionsAndExamples() throws Exception {
    CommandLine every = CrossbatchCommand.everyCommand(CliContext.plain(dir, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
    Path page = Files.writeString(dir.resolve("crossbatch.1"), ManPage.render(every, "crossbatch 0.1.0", "2026-11-30"));

    Processes.Result man = Processes.run(dir, Map.of("MANWIDTH", "80", "MAN_KEEP_FORMATTING", "0"), List.of("man", "-l", "-P", "cat", page.toString()));
    Processes.Result groff = Processes.run(dir, Map.of(), List.of("groff", "-man", "-ww", "-z", "-Tutf8", page.toString()));

    assertThat(man.exit()).as(man.output()).isZero();
    String text = man.output().replaceAll(".\b", ""); // overstrike bold and underline, should a pager's settings add them
    assertThat(groff.output()).as("groff's warnings").isEmpty();
    String words = text.replaceAll("\\s+", " "); // as filled and justified at 80 columns
    assertThat(words).contains("CROSSBATCH(1)", "NAME", "crossbatch - release binaries for every OS/arch pair through CodeBuild batch builds",
        "SYNOPSIS", "COMMANDS", "EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO", "crossbatch 0.1.0", "2026-11-30");
    for (String command : every.getSubcommands().keySet()) {
      boolean hidden = every.getSubcommands().get(command).getCommandSpec().usageMessage().hidden() || command.equals("help");
      assertThat(words.contains("crossbatch " + command)).as(command).isEqualTo(!hidden);
    }
    assertThat(words).contains("crossbatch artifacts download", "--verify-key", "crossbatch release --sign-key", "--output FORMAT")
        .doesNotContain("__run-batch", "warm-up");
    assertThat(text.lines().filter(l -> l.length() > 80).toList()).as("lines wider than MANWIDTH").isEmpty();
  }
}
