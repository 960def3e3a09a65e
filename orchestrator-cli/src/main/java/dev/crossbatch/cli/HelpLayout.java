package dev.crossbatch.cli;

import dev.crossbatch.cli.completion.Completions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/**
 * Help text wrapped at blanks only: picocli's own layout breaks lines inside words at dots and
 * braces ({@code crossbatch.} / {@code yml}, {@code {name}} / {@code _{os}}), which reads badly and
 * cannot be searched or copied. Same columns as picocli's: option names from column 2, their
 * descriptions from column 24, continued two further in. A word longer than a line stays whole.
 */
final class HelpLayout {
  private static final int LONG_NAME_COLUMN = 6;
  private static final int TEXT_COLUMN = 24;
  private static final int CONTINUED = 2;

  private HelpLayout() {}

  /** Puts this layout on {@code command} and every command under it. */
  static void install(CommandLine command) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = command.getHelpSectionMap();
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::parameters);
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
    command.setHelpSectionMap(sections);
    command.getSubcommands().values().forEach(HelpLayout::install);
  }

  private static int width(Help help) {
    return help.commandSpec().usageMessage().width();
  }

  private static String description(Help help) {
    StringBuilder out = new StringBuilder();
    for (String line : help.commandSpec().usageMessage().description()) {
      out.append(wrap("", line.replace("%n", " "), 0, width(help)));
    }
    return out.toString();
  }

  private static String parameters(Help help) {
    StringBuilder out = new StringBuilder();
    for (PositionalParamSpec p : help.commandSpec().positionalParameters()) {
      if (!p.hidden()) {
        out.append(wrap(" ".repeat(LONG_NAME_COLUMN) + p.paramLabel(), String.join(" ", p.description()), TEXT_COLUMN, width(help)));
      }
    }
    return out.toString();
  }

  private static String options(Help help) {
    StringBuilder out = new StringBuilder();
    List<OptionSpec> options = new ArrayList<>(help.commandSpec().options());
    // -h and -V first, as picocli lists them
    options.sort(java.util.Comparator.comparing(o -> !(o.usageHelp() || o.versionHelp())));
    for (OptionSpec option : options) {
      if (!option.hidden()) {
        out.append(wrap(names(option), String.join(" ", option.description()), TEXT_COLUMN, width(help)));
      }
    }
    return out.toString();
  }

  private static String commands(Help help) {
    Map<String, Help> subcommands = help.subcommands();
    int nameWidth = subcommands.entrySet().stream().filter(e -> !e.getValue().commandSpec().usageMessage().hidden())
        .mapToInt(e -> e.getKey().length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Help> c : subcommands.entrySet()) {
      if (!c.getValue().commandSpec().usageMessage().hidden()) {
        out.append(wrap("  " + c.getKey(), Completions.summary(c.getValue().commandSpec().usageMessage()), nameWidth + 4, width(help)));
      }
    }
    return out.toString();
  }

  /** {@code  -q, --quiet} or {@code      --config=FILE}, as picocli writes them. */
  private static String names(OptionSpec option) {
    String single = null;
    List<String> others = new ArrayList<>();
    for (String name : option.names()) {
      if (single == null && name.length() == 2 && name.startsWith("-")) {
        single = name;
      } else {
        others.add(name);
      }
    }
    String label = option.arity().max > 0 ? "=" + option.paramLabel() : "";
    if (single == null) {
      return " ".repeat(LONG_NAME_COLUMN) + String.join(", ", others) + label;
    }
    return "  " + single + (others.isEmpty() ? label : ", " + String.join(", ", others) + label);
  }

  /**
   * {@code left}, then {@code text} from column {@code column} (on the next line when {@code left}
   * reaches it), wrapped at blanks within {@code width}, continuation lines indented further.
   */
  static String wrap(String left, String text, int column, int width) {
    StringBuilder out = new StringBuilder(left);
    int indent = column;
    int at = left.length();
    if (column > 0 && at >= column - 1) {
      out.append('\n');
      at = 0;
    }
    boolean first = true;
    for (String word : text.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      int start = at == 0 ? indent : first ? Math.max(column, at + 1) : at + 1;
      if (!first && start + word.length() > width) {
        out.append('\n');
        indent = column + (column > 0 ? CONTINUED : 0);
        at = 0;
        start = indent;
      }
      out.append(" ".repeat(Math.max(0, start - at))).append(word);
      at = start + word.length();
      first = false;
    }
    return out.append('\n').toString();
  }
}
