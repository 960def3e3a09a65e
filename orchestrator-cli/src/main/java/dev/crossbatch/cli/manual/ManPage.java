package dev.crossbatch.cli.manual;

import dev.crossbatch.cli.session.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/**
 * crossbatch.1, the manual page, written in man(7) from the command model at build time: every
 * command with its description, arguments, options and examples, the options every command takes
 * once, the exit codes, the environment and the files. {@code man -l crossbatch.1} shows it.
 */
public final class ManPage {
  private ManPage() {}

  /**
   * @param version what the footer names: {@code crossbatch 0.1.0}
   * @param date the page's date, the commit's ({@code 2026-11-30}): the same build, the same bytes
   */
  public static String render(CommandLine root, String version, String date) {
    CommandSpec spec = root.getCommandSpec();
    StringBuilder page = new StringBuilder();
    page.append(".TH CROSSBATCH 1 \"").append(date).append("\" \"").append(escape(version)).append("\" \"User Commands\"\n");
    page.append(".nh\n.ad l\n"); // no hyphens inside words, no stretched blanks: names and flags stay as typed
    page.append(".SH NAME\ncrossbatch \\- ").append(escape(lowerFirst(stripDot(spec.usageMessage().description()[0])))).append('\n');
    page.append(".SH SYNOPSIS\n.B crossbatch\n.I COMMAND\n[\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n");
    page.append(".SH DESCRIPTION\n");
    paragraphs(page, List.of(spec.usageMessage().description()));
    page.append(".SH COMMANDS\n");
    for (Map.Entry<String, CommandLine> c : spec.subcommands().entrySet()) {
      if (!c.getKey().equals("help")) { // 'crossbatch help COMMAND' is --help again
        command(page, "crossbatch " + c.getKey(), c.getValue());
      }
    }
    page.append(".SH OPTIONS\nEvery command takes these, before or after its name.\n");
    for (OptionSpec option : spec.options()) {
      option(page, option);
    }
    page.append(".SH \"EXIT STATUS\"\n");
    for (String line : ExitCodes.TABLE.lines().skip(1).toList()) {
      String trimmed = line.strip();
      if (trimmed.matches("[0-9]+\\s+.*")) {
        String[] parts = trimmed.split("\\s+", 2);
        page.append(".TP\n.B ").append(parts[0]).append('\n').append(escape(parts[1])).append('\n');
      } else {
        page.append(escape(trimmed)).append('\n');
      }
    }
    page.append("""
        .SH ENVIRONMENT
        .TP
        .B CROSSBATCH_OPTS
        Options for the Java virtual machine, such as \\-Xmx1g.
        .TP
        .B NO_COLOR
        When set, no colors (as \\-\\-no\\-color).
        .TP
        .BR AWS_PROFILE ", " AWS_REGION ", " AWS_DEFAULT_REGION ", " AWS_ACCESS_KEY_ID ", " AWS_SECRET_ACCESS_KEY
        Read as the AWS CLI reads them; \\-\\-profile and \\-\\-region come first.
        .TP
        .B CROSSBATCH_SIGNING_PASSWORD
        The password of an encrypted minisign secret key, instead of asking for it.
        .SH FILES
        .TP
        .I crossbatch.yml
        The project's configuration: the nearest crossbatch.yml or crossbatch.yaml from the current folder up to the repository's root, or \\-\\-config.
        .TP
        .I buildspecs/ ", " templates/
        The generated CodeBuild buildspecs and CloudFormation template, to commit.
        .TP
        .I dist/
        Local releases: the archives, SHA256SUMS, manifest.json, SBOMs, provenance and signatures (local.output).
        .TP
        .I .crossbatch/
        Local batches, their logs and state; not to commit.
        .SH "SEE ALSO"
        .BR go (1),
        .BR git (1),
        .BR minisign (1),
        .BR aws (1)
        """);
    return page.toString();
  }

  private static void command(StringBuilder page, String name, CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    if (spec.usageMessage().hidden()) {
      return;
    }
    StringBuilder synopsis = new StringBuilder(name);
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        synopsis.append(' ').append(p.arity().min == 0 ? "[" + p.paramLabel() + "]" : p.paramLabel()).append(p.arity().max > 1 ? "..." : "");
      }
    }
    if (!spec.subcommands().isEmpty()) {
      synopsis.append(" COMMAND");
    }
    page.append(".SS \"").append(escape(synopsis.toString())).append("\"\n");
    paragraphs(page, List.of(spec.usageMessage().description()));
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        page.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n').append(escape(String.join(" ", p.description()))).append('\n');
      }
    }
    for (OptionSpec option : spec.options()) {
      if (!option.inherited() && !option.usageHelp() && !option.versionHelp()) {
        option(page, option);
      }
    }
    List<String> examples = examples(spec);
    if (!examples.isEmpty()) {
      page.append(".PP\nExamples:\n.PP\n.RS 2\n.nf\n");
      // the two blanks every example line starts with go; a continued line keeps its further indent
      examples.forEach(e -> page.append(escape(e.substring(2))).append('\n'));
      page.append(".fi\n.RE\n");
    }
    for (Map.Entry<String, CommandLine> nested : spec.subcommands().entrySet()) {
      command(page, name + " " + nested.getKey(), nested.getValue());
    }
  }

  private static void option(StringBuilder page, OptionSpec option) {
    if (option.hidden()) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (String n : option.names()) {
      names.add("\\fB" + escape(n) + "\\fR");
    }
    page.append(".TP\n").append(String.join(", ", names));
    if (option.arity().max > 0) {
      page.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
    }
    page.append('\n').append(escape(String.join(" ", description(option)))).append('\n');
  }

  private static String[] description(ArgSpec arg) {
    return arg.description().length == 0 ? new String[] {""} : arg.description();
  }

  /** The lines of a command's footer after its "Examples:" heading. */
  private static List<String> examples(CommandSpec spec) {
    List<String> lines = new ArrayList<>();
    boolean in = spec.usageMessage().footerHeading().contains("Examples");
    for (String line : spec.usageMessage().footer()) {
      if (line.startsWith("Examples:")) {
        in = true;
      } else if (in && line.startsWith("  ")) {
        lines.add(line);
      } else if (in && !line.isBlank()) {
        break;
      }
    }
    return lines;
  }

  private static void paragraphs(StringBuilder page, List<String> lines) {
    for (String line : lines) {
      page.append(".PP\n").append(escape(line.replace("%n", " "))).append('\n');
    }
  }

  /** Text as man(7) takes it: backslashes and option dashes escaped, no line starting a request. */
  static String escape(String text) {
    String escaped = text.replace("\\", "\\e").replace("-", "\\-");
    return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
  }

  private static String stripDot(String text) {
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
