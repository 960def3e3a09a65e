package dev.crossbatch.cli;

import dev.crossbatch.cli.completion.Completions;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.core.time.Sleeper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/**
 * Writes what the distribution ships under {@code share/}, made from the command model at build
 * time (Maven's prepare-package phase runs it): the completion scripts of bash, zsh and fish, where
 * each shell looks for them.
 */
public final class ShareFiles {
  private ShareFiles() {}

  /** @param args the folder to write into: {@code target/share} */
  public static void main(String[] args) throws IOException {
    Path share = Path.of(args[0]);
    CliContext context = new CliContext(Path.of("."), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, false,
        Map.of(), Clock.systemUTC(), Sleeper.real(), Interrupts.manual());
    CommandLine every = CrossbatchCommand.everyCommand(context);
    for (Completions.Shell shell : Completions.Shell.values()) {
      Path file = share.resolve(Completions.sharePath(shell));
      Files.createDirectories(file.getParent());
      Files.writeString(file, Completions.script(shell, every));
    }
  }
}
