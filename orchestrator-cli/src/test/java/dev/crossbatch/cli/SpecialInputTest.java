package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crossbatch.cli.Cli.Run;
import dev.crossbatch.cli.session.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that are not small regular files, and failures that are not Exceptions: each ends at once
 * with one clear line and the right exit code. The timeouts only keep a regression from hanging
 * the suite (a FIFO blocked for ever; /dev/zero read until the heap was gone, 42 s).
 */
class SpecialInputTest {
  static final Duration NEVER_HANGS = Duration.ofSeconds(60);

  @TempDir Path dir;

  private Run validate() {
    return assertTimeoutPreemptively(NEVER_HANGS, () -> Cli.run(dir, "validate"));
  }

  @Test
  void aConfigLinkedToDevZero_isRefusedAtOnce_notReadUntilMemoryRunsOut() throws Exception {
    Files.createSymbolicLink(dir.resolve("crossbatch.yml"), Path.of("/dev/zero"));

    Run run = validate();

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("crossbatch.yml:1:1: a device, FIFO or socket, not a regular file; give the path of the file itself\n");
  }

  @Test
  void aConfigThatIsAFifo_isRefusedAtOnce_neverOpened() throws Exception {
    Processes.ok(dir, "mkfifo", "crossbatch.yml");

    Run run = validate();

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("crossbatch.yml:1:1: a device, FIFO or socket, not a regular file");
    Run release = assertTimeoutPreemptively(NEVER_HANGS, () -> Cli.run(dir, "release"));
    assertThat(release.exit()).isEqualTo(2);
    assertThat(release.err()).startsWith("crossbatch.yml:1:1: a device, FIFO or socket, not a regular file");
  }

  @Test
  void aBuildspecThatIsAFolder_orTooLarge_isRefusedWithItsLocation() throws Exception {
    Files.createDirectories(dir.resolve("folder.yml"));
    Files.write(dir.resolve("huge.yml"), new byte[3 << 20]);

    Run run = assertTimeoutPreemptively(NEVER_HANGS, () -> Cli.run(dir, "validate", "folder.yml", "huge.yml"));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("folder.yml:1:1: a folder, not a regular file; give the path of the file itself")
        .contains("huge.yml:1:1: file is larger than the limit of 1048576 bytes (1 MiB)");
  }

  @Test
  void aGeneratedFileReplacedByAFifo_doesNotBlockGenerate() throws Exception {
    Files.writeString(dir.resolve("crossbatch.yml"), "name: hello\nplatforms: [linux/amd64]\n");
    Files.createDirectories(dir.resolve("buildspecs"));
    Processes.ok(dir.resolve("buildspecs"), "mkfifo", "buildspec.yml");

    Run run = assertTimeoutPreemptively(NEVER_HANGS, () -> Cli.run(dir, "generate", "--check"));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err() + run.out()).contains("buildspecs/buildspec.yml");
  }

  /** An Error (not an Exception) thrown while a command runs: exit 70 and one line, not a wait for a command that is gone. */
  @Test
  void anErrorInACommand_endsWithExit70_andOneLine() {
    Writer failing = new Writer() {
      @Override
      public void write(char[] buffer, int off, int len) {
        throw new OutOfMemoryError("Java heap space");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    StringWriter err = new StringWriter();

    int exit = Main.run(CliContext.plain(dir, new PrintWriter(failing), new PrintWriter(err)), "platforms");

    assertThat(exit).isEqualTo(70);
    assertThat(err.toString()).isEqualTo("crossbatch: internal error: out of memory (give Java more with CROSSBATCH_OPTS=-Xmx1g): Java heap space;"
        + " run again with --verbose and report it\n");
  }

  /** A value that would recolour the terminal or retitle the window is shown escaped in the message that quotes it. */
  @Test
  void controlCharactersFromAValue_areShownEscaped_neverSentToTheTerminal() throws Exception {
    Files.writeString(dir.resolve("crossbatch.yml"), "name: \"\\e]0;pwned\\a\\e[31mred\"\nplatforms: [linux/amd64]\n");

    Run run = validate();

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("'\\x1b]0;pwned\\x07\\x1b[31mred'").doesNotContain("\u001b").doesNotContain("\u0007");
  }
}
