package dev.crossbatch.cli;

import dev.crossbatch.cli.completion.Completions;
import dev.crossbatch.cli.manual.ManPage;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.cli.session.VersionProvider;
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
 * each shell looks for them, and the manual page crossbatch.1.
 */
public final class ShareFiles {
  private ShareFiles() {}

  /**
   * @param args the folder to write into ({@code target/share}); then, optionally, the classes folder
   *     and the repository: the commit built and its date go into {@code build.properties} there,
   *     for {@code --version} (nothing when git cannot say)
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Path share = Path.of(args[0]);
    String date = args.length == 3 ? buildProperties(Path.of(args[1]), Path.of(args[2])) : "";
    CliContext context = new CliContext(Path.of("."), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, false,
        Map.of(), Clock.systemUTC(), Sleeper.real(), Interrupts.manual());
    CommandLine every = CrossbatchCommand.everyCommand(context);
    for (Completions.Shell shell : Completions.Shell.values()) {
      Path file = share.resolve(Completions.sharePath(shell));
      Files.createDirectories(file.getParent());
      Files.writeString(file, Completions.script(shell, every));
    }
    Path man = share.resolve(MAN_PAGE);
    Files.createDirectories(man.getParent());
    Files.writeString(man, ManPage.render(every, "crossbatch " + VersionProvider.version(), date));
  }

  /** Where the manual page goes under share/, as man finds it with MANPATH set to share/man. */
  public static final String MAN_PAGE = "man/man1/crossbatch.1";

  /**
   * The commit and its date, as {@code git log -1} gives them: reproducible, unlike the time of the
   * build. Returns the date, empty when git cannot say.
   */
  private static String buildProperties(Path classes, Path repository) throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "log", "-1", "--format=%h%n%cs", "--abbrev=7").directory(repository.toFile())
        .redirectErrorStream(false).start();
    String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (git.waitFor() != 0 || out.lines().count() != 2) {
      return "";
    }
    java.util.List<String> lines = out.lines().toList();
    Path file = classes.resolve("dev/crossbatch/cli/build.properties");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "commit=" + lines.get(0) + "\ndate=" + lines.get(1) + "\n");
    return lines.get(1);
  }
}
