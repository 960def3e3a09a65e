package dev.crossbatch.cli;

import dev.crossbatch.cli.command.GenerateCommand;
import dev.crossbatch.cli.command.InitCommand;
import dev.crossbatch.cli.command.PlatformsCommand;
import dev.crossbatch.cli.command.ReleaseCommand;
import dev.crossbatch.cli.command.RunBatchCommand;
import dev.crossbatch.cli.command.StartCommand;
import dev.crossbatch.cli.command.StatusCommand;
import dev.crossbatch.cli.command.StopCommand;
import dev.crossbatch.cli.command.WatchCommand;
import dev.crossbatch.cli.command.ValidateCommand;
import dev.crossbatch.core.Crossbatch;
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
    header = "Release binaries for every OS/arch pair through CodeBuild batch builds.",
    description = {
      "One crossbatch.yml becomes a CodeBuild buildspec with one build per platform,"
          + " run on AWS CodeBuild or on this machine, giving one zip per platform:"
          + " {name}_{os}_{arch}_{commit7}.zip."
    },
    commandListHeading = "%nCommands:%n",
    subcommands = {
      InitCommand.class,
      PlatformsCommand.class,
      GenerateCommand.class,
      ValidateCommand.class,
      ReleaseCommand.class,
      StartCommand.class,
      WatchCommand.class,
      StatusCommand.class,
      StopCommand.class,
      RunBatchCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  crossbatch init        write crossbatch.yml for the Go module here",
      "  crossbatch release     build every platform here: zips, SHA256SUMS, manifest",
      "  crossbatch generate    write the buildspec and the CloudFormation template",
      "  crossbatch validate    check crossbatch.yml and buildspecs/*.yml",
      "  crossbatch help init   help for one command",
      "",
      ExitCodes.TABLE
    })
public final class CrossbatchCommand implements Callable<Integer> {
  private final CliContext context;
  private final Crossbatch crossbatch = new Crossbatch();

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  CrossbatchCommand(CliContext context) {
    this.context = context;
  }

  /** The configured command line: writers, handlers and exit codes in one place. */
  static CommandLine commandLine(CliContext context) {
    ErrorHandler errors = new ErrorHandler();
    CommandLine cmd = new CommandLine(new CrossbatchCommand(context));
    cmd.setOut(context.out());
    cmd.setErr(context.err());
    cmd.setExecutionExceptionHandler(errors);
    cmd.setParameterExceptionHandler(errors);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setUsageHelpAutoWidth(true);
    cmd.setColorScheme(CommandLine.Help.defaultColorScheme(context.color() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    return cmd;
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

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err());
    return ExitCodes.USAGE;
  }
}
