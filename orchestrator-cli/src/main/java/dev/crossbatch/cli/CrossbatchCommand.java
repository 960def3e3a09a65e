package dev.crossbatch.cli;

import dev.crossbatch.cli.command.ArtifactsCommand;
import dev.crossbatch.cli.command.ArtifactsListCommand;
import dev.crossbatch.cli.command.BatchesCommand;
import dev.crossbatch.cli.command.CompletionCommand;
import dev.crossbatch.cli.command.DoctorCommand;
import dev.crossbatch.cli.command.DownloadCommand;
import dev.crossbatch.cli.command.GenerateCommand;
import dev.crossbatch.cli.command.InitCommand;
import dev.crossbatch.cli.command.KeygenCommand;
import dev.crossbatch.cli.command.LogsCommand;
import dev.crossbatch.cli.command.PlatformsCommand;
import dev.crossbatch.cli.command.ReleaseCommand;
import dev.crossbatch.cli.command.ReportCommand;
import dev.crossbatch.cli.command.RetryCommand;
import dev.crossbatch.cli.command.RunBatchCommand;
import dev.crossbatch.cli.command.SchemaCommand;
import dev.crossbatch.cli.command.StartCommand;
import dev.crossbatch.cli.command.StatusCommand;
import dev.crossbatch.cli.command.StopCommand;
import dev.crossbatch.cli.command.ValidateCommand;
import dev.crossbatch.cli.command.VerifyCommand;
import dev.crossbatch.cli.command.WarmUpCommand;
import dev.crossbatch.cli.command.WatchCommand;
import dev.crossbatch.cli.model.CommandModels;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.Detached;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.GlobalOptions;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.cli.session.VersionProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

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
          + " run on AWS CodeBuild or on this machine, giving one archive per platform:"
          + " {name}_{os}_{arch}_{commit7}.zip by default, or tar.gz, or the bare binary."
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
public final class CrossbatchCommand implements Callable<Integer> {
  /**
   * The commands, in help order, by name. The names are written out, not read from each class's
   * annotation: reading them would make picocli's work for every command happen anyway.
   */
  static final Map<String, Class<?>> COMMANDS = commands(
      "init", InitCommand.class,
      "platforms", PlatformsCommand.class,
      "generate", GenerateCommand.class,
      "validate", ValidateCommand.class,
      "schema", SchemaCommand.class,
      "doctor", DoctorCommand.class,
      "release", ReleaseCommand.class,
      "start", StartCommand.class,
      "watch", WatchCommand.class,
      "status", StatusCommand.class,
      "logs", LogsCommand.class,
      "retry", RetryCommand.class,
      "stop", StopCommand.class,
      "batches", BatchesCommand.class,
      "report", ReportCommand.class,
      "artifacts", ArtifactsCommand.class,
      "keygen", KeygenCommand.class,
      "verify", VerifyCommand.class,
      "completion", CompletionCommand.class,
      Detached.COMMAND, RunBatchCommand.class,
      WarmUpCommand.NAME, WarmUpCommand.class,
      "help", CommandLine.HelpCommand.class);

  /** Commands with commands of their own, added here so that no command class names another. */
  static final Map<String, Map<String, Class<?>>> NESTED = Map.of(
      "artifacts", commands("list", ArtifactsListCommand.class, "download", DownloadCommand.class));

  /** Root options that take a value: the word after them is not a command name. */
  private static final Set<String> VALUED = Set.of("--config", "--output");

  // the session's own instance: options given after a command name land here too (scope INHERIT)
  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  private CrossbatchCommand(Session session) {
    this.global = session.global();
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
  static CommandLine commandLine(Session session, String... args) {
    return commandLine(session, named(args));
  }

  /** The session of one run: its options, filled in as the command line is parsed, and everything made from them. */
  static Session session(CliContext context) {
    return new Session(context, new GlobalOptions(), CrossbatchCommand::everyCommand);
  }

  /** The command line with every command, as help shows them. */
  public static CommandLine everyCommand(CliContext context) {
    return commandLine(session(context), null, CommandModels.stored());
  }

  /** The same, with every command's model read from its annotations, as the build stores them ({@link ModelFile}). */
  static CommandLine everyCommandAnnotated(CliContext context) {
    return commandLine(session(context), null, Optional.empty());
  }

  private static CommandLine commandLine(Session session, Class<?> named) {
    return commandLine(session, named, CommandModels.stored());
  }

  static CommandLine commandLine(Session session, Class<?> named, Optional<CommandModels> models) {
    CliContext context = session.context();
    ErrorHandler errors = new ErrorHandler(context.interrupts());
    CommandFactory factory = new CommandFactory(session);
    CommandLine cmd = models.isPresent() ? stored(models.get(), session, factory, named) : annotated(session, factory, named);
    HelpLayout.install(cmd);
    cmd.setOut(context.out());
    cmd.setErr(context.err());
    cmd.setExecutionExceptionHandler(errors);
    cmd.setExecutionStrategy(parsed -> versionAsJson(session, parsed) ? ExitCodes.OK : new CommandLine.RunLast().execute(parsed));
    cmd.setParameterExceptionHandler(errors);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setUsageHelpAutoWidth(true);
    cmd.setColorScheme(CommandLine.Help.defaultColorScheme(context.color() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    return cmd;
  }

  /** From the stored models; from the annotations when those do not fit these classes (a build's classes changed after it). */
  private static CommandLine stored(CommandModels models, Session session, CommandFactory factory, Class<?> named) {
    try {
      return models.commandLine(new CrossbatchCommand(session), factory, COMMANDS, name -> NESTED.getOrDefault(name, Map.of()),
          c -> named == null || named == c);
    } catch (Exception e) {
      return annotated(session, factory, named);
    }
  }

  private static CommandLine annotated(Session session, CommandFactory factory, Class<?> named) {
    CommandLine cmd = new CommandLine(new CrossbatchCommand(session), factory);
    for (Map.Entry<String, Class<?>> c : COMMANDS.entrySet()) {
      if (named == null || named == c.getValue()) {
        CommandLine sub = new CommandLine(c.getValue(), factory);
        NESTED.getOrDefault(c.getKey(), Map.of()).forEach((name, nested) -> sub.addSubcommand(name, new CommandLine(nested, factory)));
        cmd.addSubcommand(c.getKey(), sub);
      }
    }
    return cmd;
  }

  /** --version with --output json (and no --help): the version as one JSON document, instead of picocli's line. */
  private static boolean versionAsJson(Session session, CommandLine.ParseResult parsed) {
    List<CommandLine> commands = parsed.asCommandLineList();
    if (!session.output().json() || commands.stream().anyMatch(CommandLine::isUsageHelpRequested)
        || commands.stream().noneMatch(CommandLine::isVersionHelpRequested)) {
      return false;
    }
    session.output().json(VersionProvider.json());
    return true;
  }

  /** The command the arguments name, or null when help, an error or anything unclear needs them all. */
  static Class<?> named(String... args) {
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (VALUED.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        Class<?> c = COMMANDS.get(arg);
        return c == CommandLine.HelpCommand.class ? null : c;
      } else if (arg.equals("-h") || arg.equals("--help")) {
        return null;
      } else {
        version |= arg.equals("-V") || arg.equals("--version");
      }
    }
    // --version alone needs no command's model: a tenth of a second of picocli's reflection saved
    return version ? CrossbatchCommand.class : null;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
