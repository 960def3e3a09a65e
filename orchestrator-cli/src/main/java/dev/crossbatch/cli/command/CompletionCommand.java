package dev.crossbatch.cli.command;

import dev.crossbatch.cli.completion.Completions;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.error.CrossbatchException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "completion",
    description = {
      "Print the shell completion script for bash, zsh or fish.",
      "Made from the commands themselves; the distribution also ships them under share/."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(crossbatch completion bash)",
      "  crossbatch completion bash \\",
      "      > ~/.local/share/bash-completion/completions/crossbatch",
      "  crossbatch completion zsh > \"${fpath[1]}/_crossbatch\"",
      "  crossbatch completion fish \\",
      "      > ~/.config/fish/completions/crossbatch.fish"
    })
public final class CompletionCommand implements Callable<Integer> {
  private final Session session;

  CompletionCommand(Session session) {
    this.session = session;
  }

  @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish", completionCandidates = Shells.class)
  String shell;

  /** The shells offered when completing this command itself. */
  static final class Shells extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Shells() {
      super(java.util.List.of("bash", "zsh", "fish"));
    }
  }

  @Override
  public Integer call() {
    Completions.Shell chosen = Completions.parse(shell);
    if (chosen == null) {
      throw CrossbatchException.usage("no completion for shell '" + shell + "'", "give bash, zsh or fish: crossbatch completion bash");
    }
    if (session.output().json()) {
      throw CrossbatchException.usage("completion prints a shell script, which has no JSON form", "drop --output json");
    }
    session.context().out().print(Completions.script(chosen, session.everyCommand()));
    session.context().out().flush();
    return ExitCodes.OK;
  }
}
