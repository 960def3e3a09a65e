package dev.crossbatch.cli;

import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.text.Printable;
import dev.crossbatch.core.text.Suggestions;
import dev.crossbatch.core.yaml.InvalidFileException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * The one place where failures become messages and exit codes: never a stack trace for a user
 * error, one line of what went wrong and one of what to do.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final Interrupts interrupts;

  ErrorHandler(Interrupts interrupts) {
    this.interrupts = interrupts;
  }

  /**
   * One style for every word the command line does not know: "unknown command 'x'", "unknown
   * option '--x'", each with the closest name there is ("did you mean"), then where help is.
   */
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String word = unmatched.getUnmatched().get(0);
      if (word.startsWith("-")) {
        String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        List<String> options = cmd.getCommandSpec().options().stream().filter(o -> !o.hidden())
            .flatMap(o -> java.util.Arrays.stream(o.names())).toList();
        err.println("crossbatch: unknown option '" + Printable.escape(option) + "'" + (cmd.getParent() == null ? "" : " for '" + name + "'")
            + Suggestions.didYouMean(option, options));
        err.println("Run '" + name + " --help' for its options.");
        return ExitCodes.USAGE;
      }
      if (!cmd.getSubcommands().isEmpty()) {
        List<String> built = cmd.getSubcommands().entrySet().stream()
            .filter(c -> !c.getKey().equals("help") && !c.getValue().getCommandSpec().usageMessage().hidden()).map(java.util.Map.Entry::getKey).toList();
        err.println("crossbatch: unknown command '" + Printable.escape(word) + "'" + (cmd.getParent() == null ? "" : " for '" + name + "'")
            + Suggestions.didYouMean(word, built));
        err.println("Run '" + name + " --help' for the commands.");
        return ExitCodes.USAGE;
      }
      List<String> extra = unmatched.getUnmatched().stream().map(w -> "'" + Printable.escape(w) + "'").toList();
      err.println("crossbatch: unexpected argument" + (extra.size() == 1 ? " " : "s ") + String.join(", ", extra) + " for '" + name + "'");
      err.println("Run '" + name + " --help' for usage.");
      return ExitCodes.USAGE;
    }
    err.println("crossbatch: " + Printable.escape(e.getMessage()));
    err.println("Run '" + name + " --help' for usage.");
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (interrupts.interrupted() && !(e instanceof CrossbatchException known && known.kind() == ErrorKind.INTERRUPTED)) {
      // Ctrl-C cut a request or a wait short: that, not the failure it caused, is the news
      err.println("crossbatch: interrupted");
      return ExitCodes.INTERRUPTED;
    }
    if (e instanceof InvalidFileException invalid) {
      invalid.diagnostics().forEach(err::println);
      long errors = invalid.diagnostics().stream().filter(dev.crossbatch.core.yaml.Diagnostic::isError).count();
      err.println(errors + (errors == 1 ? " error" : " errors") + " in " + invalid.diagnostics().get(0).file());
      return ExitCodes.USAGE;
    }
    if (e instanceof CrossbatchException known) {
      err.println("crossbatch: " + Printable.escape(known.getMessage()));
      known.hint().ifPresent(h -> err.println("  " + Printable.escape(h)));
      if (known.kind() == ErrorKind.INTERNAL) {
        printTrace(err, e, verbose(parsed));
      }
      return ExitCodes.of(known.kind());
    }
    err.println("crossbatch: internal error: " + Printable.escape(e.toString()));
    err.println("  this is a bug in crossbatch; run again with --verbose and report the output");
    printTrace(err, e, verbose(parsed));
    return ExitCodes.INTERNAL;
  }

  private static boolean verbose(ParseResult parsed) {
    return parsed != null && parsed.hasMatchedOption("--verbose")
        || parsed != null && parsed.subcommands().stream().anyMatch(s -> s.hasMatchedOption("--verbose"));
  }

  private static void printTrace(PrintWriter err, Exception e, boolean verbose) {
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    }
  }
}
