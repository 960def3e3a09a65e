package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.testing.Imports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shape of the CLI: commands parse, call core, and render; they get their collaborators from
 * the session, never from another command; packages use each other in one direction
 * (cli → command → options → session → render → core).
 */
class CliArchitectureTest {
  static final Path MAIN = Path.of("src/main/java/dev/crossbatch/cli");
  private static final Pattern COMMAND_CLASS = Pattern.compile("\\b([A-Z]\\w*Command)\\b");

  @Test
  void noCommand_namesAnotherCommand() {
    List<String> found = new ArrayList<>();
    for (Imports.Source s : Imports.of(MAIN.resolve("command")).sources()) {
      String own = s.file().getFileName().toString().replace(".java", "");
      Matcher m = COMMAND_CLASS.matcher(Imports.code(read(s.file())));
      while (m.find()) {
        if (!m.group(1).equals(own)) {
          found.add(own + " names " + m.group(1));
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void noCommand_reachesThroughItsParent() {
    List<String> found = new ArrayList<>();
    for (Imports.Source s : Imports.of(MAIN).sources()) {
      if (read(s.file()).contains("@ParentCommand")) {
        found.add(s.file().getFileName().toString());
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void packages_useEachOtherInOneDirection() {
    Imports imports = Imports.of(MAIN);
    assertThat(imports.cycles()).isEmpty();
    assertThat(imports.graph().get("dev.crossbatch.cli.render")).allMatch(p -> p.startsWith("dev.crossbatch.core") || p.startsWith("dev.crossbatch.cli.render."));
    assertThat(imports.graph().get("dev.crossbatch.cli.session")).noneMatch(p -> p.startsWith("dev.crossbatch.cli.command")
        || p.startsWith("dev.crossbatch.cli.options") || p.equals("dev.crossbatch.cli"));
    assertThat(imports.graph().get("dev.crossbatch.cli.options")).noneMatch(p -> p.startsWith("dev.crossbatch.cli.command"));
  }

  @Test
  void onlyMain_touchesTheProcessStreams() {
    List<String> found = new ArrayList<>();
    for (Imports.Source s : Imports.of(MAIN).sources()) {
      String code = Imports.code(read(s.file()));
      if ((code.contains("System.out") || code.contains("System.err")) && !s.file().getFileName().toString().equals("Main.java")) {
        found.add(s.file().getFileName().toString());
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void onlyOutput_decidesWhatQuietAndJsonMean() {
    List<String> found = new ArrayList<>();
    for (Imports.Source s : Imports.of(MAIN).sources()) {
      String code = Imports.code(read(s.file()));
      if (code.contains("global().quiet()") || code.contains("global().output()") || code.contains("Json.write(")
          && !s.pkg().equals("dev.crossbatch.cli.render.json") && !s.file().getFileName().toString().equals("WarmUpCommand.java")
          && !s.file().getFileName().toString().equals("Output.java")) {
        found.add(s.file().getFileName().toString());
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void noMainFile_isOver300Lines() {
    assertThat(Imports.longerThan(MAIN, 300)).isEmpty();
  }

  @Test
  void onlyCore_talksToAws() {
    assertThat(Imports.of(MAIN).importing("dev.crossbatch.cli", "software.amazon.awssdk")).isEmpty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
