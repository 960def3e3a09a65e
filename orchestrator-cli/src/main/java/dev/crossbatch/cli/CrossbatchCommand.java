package dev.crossbatch.cli;

import dev.crossbatch.cli.command.ArtifactsCommand;
import dev.crossbatch.cli.command.BatchesCommand;
import dev.crossbatch.cli.command.GenerateCommand;
import dev.crossbatch.cli.command.InitCommand;
import dev.crossbatch.cli.command.LogsCommand;
import dev.crossbatch.cli.command.PlatformsCommand;
import dev.crossbatch.cli.command.ReleaseCommand;
import dev.crossbatch.cli.command.RetryCommand;
import dev.crossbatch.cli.command.RunBatchCommand;
import dev.crossbatch.cli.command.StartCommand;
import dev.crossbatch.cli.command.StatusCommand;
import dev.crossbatch.cli.command.StopCommand;
import dev.crossbatch.cli.command.WarmUpCommand;
import dev.crossbatch.cli.command.WatchCommand;
import dev.crossbatch.cli.command.ValidateCommand;
import dev.crossbatch.core.Crossbatch;
import dev.crossbatch.core.aws.AwsClients;
import dev.crossbatch.core.aws.AwsSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "crossbatch",
    // inherited: every command has -h/--help (and -V/--version)
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    // no header: with scope INHERIT every command would show the root's as its own
    description = {
      "Release binaries for every OS/arch pair through CodeBuild batch builds.",
      "One crossbatch.yml becomes a CodeBuild buildspec with one build per platform,"
          + " run on AWS CodeBuild or on this machine, giving one zip per platform:"
          + " {name}_{os}_{arch}_{commit7}.zip."
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  crossbatch init        write crossbatch.yml for the Go module here",
      "  crossbatch release     build every platform here: zips, SHA256SUMS, manifest",
      "  crossbatch start       start the batch on CodeBuild (or here with --local)",
      "  crossbatch watch       follow it; then status, logs, retry, stop, batches",
      "  crossbatch generate    write the buildspec and the CloudFormation template",
      "  crossbatch validate    check crossbatch.yml and buildspecs/*.yml",
      "  crossbatch help init   help for one command",
      "",
      ExitCodes.TABLE
    })
public final class CrossbatchCommand implements Callable<Integer>, AutoCloseable {
  /**
   * The commands, in help order, by name. The names are written out, not read from each class's
   * annotation: reading them would make picocli's work for every command happen anyway.
   */
  static final Map<String, Class<?>> COMMANDS = commands(
      "init", InitCommand.class,
      "platforms", PlatformsCommand.class,
      "generate", GenerateCommand.class,
      "validate", ValidateCommand.class,
      "release", ReleaseCommand.class,
      "start", StartCommand.class,
      "watch", WatchCommand.class,
      "status", StatusCommand.class,
      "logs", LogsCommand.class,
      "retry", RetryCommand.class,
      "stop", StopCommand.class,
      "batches", BatchesCommand.class,
      "artifacts", ArtifactsCommand.class,
      RunBatchCommand.NAME, RunBatchCommand.class,
      WarmUpCommand.NAME, WarmUpCommand.class,
      "help", CommandLine.HelpCommand.class);

  /** Root options that take a value: the word after them is not a command name. */
  private static final Set<String> VALUED = Set.of("--config", "--output");

  private final CliContext context;
  private final Crossbatch crossbatch = new Crossbatch();
  private AwsClients aws;

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  CrossbatchCommand(CliContext context) {
    this.context = context;
  }

  private static Map<String, Class<?>> commands(Object... namesAndClasses) {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (int i = 0; i < namesAndClasses.length; i += 2) {
      byName.put((String) namesAndClasses[i], (Class<?>) namesAndClasses[i + 1]);
    }
    return byName;
  }

  /**
   * The configured command line: writers, handlers and exit codes in one place. Only the command
   * that {@code args} names gets its model built (picocli reflects over every option of every
   * command it is given, a tenth of a second for all of them); help, errors and anything unclear
   * get all commands.
   */
  static CommandLine commandLine(CliContext context, String... args) {
    return commandLine(context, named(args));
  }

  /** The command line with every command, as help shows them. */
  public static CommandLine everyCommand(CliContext context) {
    return commandLine(context, (Class<?>) null);
  }

  private static CommandLine commandLine(CliContext context, Class<?> named) {
    ErrorHandler errors = new ErrorHandler(context.interrupts());
    CommandLine cmd = new CommandLine(new CrossbatchCommand(context));
    for (Class<?> c : named == null ? COMMANDS.values() : List.<Class<?>>of(named)) {
      cmd.addSubcommand(c);
    }
    cmd.setOut(context.out());
    cmd.setErr(context.err());
    cmd.setExecutionExceptionHandler(errors);
    cmd.setParameterExceptionHandler(errors);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setUsageHelpAutoWidth(true);
    cmd.setColorScheme(CommandLine.Help.defaultColorScheme(context.color() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    return cmd;
  }

  /** The command the arguments name, or null when help, an error or anything unclear needs them all. */
  static Class<?> named(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (VALUED.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        Class<?> c = COMMANDS.get(arg);
        return c == CommandLine.HelpCommand.class ? null : c;
      }
    }
    return null;
  }

  public CliContext context() {
    return context;
  }

  public Crossbatch crossbatch() {
    return crossbatch;
  }

  public GlobalOptions global() {
    return global;
  }

  /** The AWS clients of this run: made on first use, one set per process, closed when the command ends. */
  public synchronized AwsClients aws(AwsSettings settings, String configRegion) {
    if (aws == null) {
      AwsClients clients = new AwsClients(settings, configRegion);
      aws = clients;
      // Ctrl-C or SIGTERM during a request: closing the clients closes their connections, so a call
      // that waits on a stalled endpoint ends now instead of at its timeout
      context.interrupts().onInterrupt(clients::close);
    }
    return aws;
  }

  @Override
  public synchronized void close() {
    if (aws != null) {
      aws.close();
      aws = null;
    }
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err());
    return ExitCodes.USAGE;
  }
}
