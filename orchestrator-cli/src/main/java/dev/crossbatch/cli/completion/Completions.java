package dev.crossbatch.cli.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Shell completion scripts made from the command model itself, so they never fall behind it: bash
 * and zsh from picocli's AutoComplete (one script for both: zsh loads it through bashcompinit), fish
 * written here, one {@code complete} line per command and option. Hidden commands are left out.
 */
public final class Completions {
  /** The shells a script is made for. */
  public enum Shell { BASH, ZSH, FISH }

  private Completions() {}

  /** The script for {@code shell}, of the command line with every command. */
  public static String script(Shell shell, CommandLine everyCommand) {
    return switch (shell) {
      case BASH -> AutoComplete.bash("crossbatch", everyCommand);
      case ZSH -> "#compdef crossbatch\n"
          + "# crossbatch completion for zsh: the bash script, loaded through zsh's bashcompinit\n"
          + "autoload -U +X bashcompinit && bashcompinit\n"
          + AutoComplete.bash("crossbatch", everyCommand);
      case FISH -> fish(everyCommand);
    };
  }

  /** Where the distribution ships each script, as the shells look for them (under share/). */
  public static String sharePath(Shell shell) {
    return switch (shell) {
      case BASH -> "bash-completion/completions/crossbatch";
      case ZSH -> "zsh/site-functions/_crossbatch";
      case FISH -> "fish/vendor_completions.d/crossbatch.fish";
    };
  }

  public static Shell parse(String name) {
    try {
      return Shell.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String fish(CommandLine root) {
    StringBuilder out = new StringBuilder("# crossbatch completion for fish\ncomplete -c crossbatch -f\n");
    List<String> path = new ArrayList<>();
    fishCommand(out, root.getCommandSpec(), path);
    return out.toString();
  }

  /** The lines of one command: its subcommands (offered until one is given), then its options. */
  private static void fishCommand(StringBuilder out, CommandSpec spec, List<String> path) {
    String here = condition(path);
    List<String> names = new ArrayList<>();
    spec.subcommands().forEach((name, sub) -> {
      if (!sub.getCommandSpec().usageMessage().hidden() && name.equals(sub.getCommandName())) {
        names.add(name);
      }
    });
    String noneYet = names.isEmpty() ? "" : "; and not __fish_seen_subcommand_from " + String.join(" ", names);
    for (String name : names) {
      CommandSpec sub = spec.subcommands().get(name).getCommandSpec();
      out.append("complete -c crossbatch -n '").append(here).append(noneYet).append("' -a ").append(name)
          .append(" -d ").append(quote(summary(sub.usageMessage()))).append('\n');
    }
    for (OptionSpec option : spec.options()) {
      if (option.hidden()) {
        continue;
      }
      StringBuilder line = new StringBuilder("complete -c crossbatch -n '").append(here).append("'");
      for (String name : option.names()) {
        line.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
      }
      if (option.arity().max() > 0) {
        line.append(" -r");
        if (option.completionCandidates() != null) {
          List<String> candidates = new ArrayList<>();
          option.completionCandidates().forEach(candidates::add);
          line.append(" -a ").append(quote(String.join(" ", candidates)));
        } else if (option.paramLabel().contains("FILE") || option.paramLabel().contains("DIR") || option.paramLabel().equals("PUB")) {
          line.append(" -F");
        }
      }
      String[] description = option.description();
      if (description.length > 0) {
        line.append(" -d ").append(quote(description[0]));
      }
      out.append(line).append('\n');
    }
    for (picocli.CommandLine.Model.PositionalParamSpec positional : spec.positionalParameters()) {
      if (!positional.hidden() && positional.completionCandidates() != null) {
        List<String> candidates = new ArrayList<>();
        positional.completionCandidates().forEach(candidates::add);
        out.append("complete -c crossbatch -n '").append(here).append("' -a ").append(quote(String.join(" ", candidates))).append('\n');
      }
    }
    for (String name : names) {
      List<String> deeper = new ArrayList<>(path);
      deeper.add(name);
      fishCommand(out, spec.subcommands().get(name).getCommandSpec(), deeper);
    }
  }

  /** The fish condition that the words so far are {@code path}: none given, or the last of them seen. */
  private static String condition(List<String> path) {
    if (path.isEmpty()) {
      return "__fish_use_subcommand";
    }
    StringBuilder c = new StringBuilder();
    for (String word : path) {
      c.append(c.length() == 0 ? "" : "; and ").append("__fish_seen_subcommand_from ").append(word);
    }
    return c.toString();
  }

  /**
   * A command's line in a list of commands, as picocli chooses it: its header, else its
   * description's first line; {@code %n} (a line break in picocli's texts) read as a blank.
   */
  public static String summary(CommandLine.Model.UsageMessageSpec usage) {
    String[] text = usage.header().length > 0 ? usage.header() : usage.description();
    return text.length == 0 ? "" : text[0].replace("%n", " ").strip();
  }

  /** A fish single-quoted word. */
  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
