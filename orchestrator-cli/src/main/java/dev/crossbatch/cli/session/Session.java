package dev.crossbatch.cli.session;

import dev.crossbatch.cli.render.BatchReport;
import dev.crossbatch.cli.render.BatchView;
import dev.crossbatch.cli.render.DownloadProgress;
import dev.crossbatch.cli.render.Following;
import dev.crossbatch.cli.render.LineView;
import dev.crossbatch.cli.render.LiveView;
import dev.crossbatch.cli.render.Output;
import dev.crossbatch.cli.render.TerminalSize;
import dev.crossbatch.core.aws.AwsClients;
import dev.crossbatch.core.aws.AwsSettings;
import dev.crossbatch.core.aws.CodeBuildBuildService;
import dev.crossbatch.core.batch.BatchMemory;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildService;
import dev.crossbatch.core.batch.Watch;
import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.io.IoErrors;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.io.Trees;
import dev.crossbatch.core.local.LocalBuildService;
import dev.crossbatch.core.source.GitSource;
import dev.crossbatch.core.yaml.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import picocli.CommandLine;

/**
 * What every command gets, the same one for the whole run: the outside world ({@link CliContext}),
 * the global options, the output, the config (read once), and the backends, with the AWS clients
 * made on first use and closed when the run ends. Commands receive it in their constructor
 * ({@code CommandFactory}), never through the parent command.
 */
public final class Session implements AutoCloseable {
  private final CliContext context;
  private final GlobalOptions global;
  private final Function<CliContext, CommandLine> everyCommand;
  private ConfigLoader.Loaded config;
  private String configName;
  private AwsClients aws;
  private OwnProject own;

  /** @param everyCommand the command line with every command, as help shows them, in a session of the context given */
  public Session(CliContext context, GlobalOptions global, Function<CliContext, CommandLine> everyCommand) {
    this.context = context;
    this.global = global;
    this.everyCommand = everyCommand;
  }

  /** Every command's model, built anew: for completion scripts and the warm-up that trains the class-data archive. */
  public CommandLine everyCommand() {
    return everyCommand.apply(context);
  }

  /** Every command in a session of its own in {@code other}: the warm-up runs a command there. */
  public CommandLine everyCommand(CliContext other) {
    return everyCommand.apply(other);
  }

  public CliContext context() {
    return context;
  }

  public GlobalOptions global() {
    return global;
  }

  /** stdout and stderr with --output and --quiet applied. */
  public Output output() {
    return new Output(context.out(), context.err(), global.output(), global.quiet(), global.verbose());
  }

  /** The config's name as messages give it (ConfigLocation): --config's, or the one found from here up. */
  public synchronized String configName() {
    if (configName == null) {
      configName = ConfigLocation.name(global.config(), context.workDir());
    }
    return configName;
  }

  /** Whether there is a config file to read: --config's, or one found as {@link #configName} looks. */
  public boolean hasConfig() {
    return Files.isRegularFile(context.resolve(configName()));
  }

  /** crossbatch.yml (or --config), read and checked once per run. */
  public ProjectConfig config() {
    return loaded().config();
  }

  /** The read behind {@link #config}, kept for {@link #configWarnings}. */
  private synchronized ConfigLoader.Loaded loaded() {
    if (config == null) {
      Path file = context.resolve(configName());
      if (!Files.exists(file)) {
        throw ConfigLocation.missing(global.config(), configName(), context.workDir(), file);
      }
      config = ConfigLoader.loaded(file, configName());
    }
    return config;
  }

  /**
   * A buildspec of the user's own and the repository it runs in ({@code --buildspec FILE}).
   *
   * @param name the file's path from the repository's root, as CodeBuild names buildspecs and messages name it
   */
  public record OwnProject(ProjectConfig config, String text, String name) {}

  /** CodeBuild takes a buildspec override of up to 256 KiB; a larger file is refused before anything runs. */
  private static final int MAX_BUILDSPEC = 256 * 1024;

  /**
   * The repository holding {@code file}, as a project of its own without crossbatch.yml, with the
   * file's text as it is now: read once per run.
   */
  public synchronized OwnProject ownProject(Path file) {
    if (own == null) {
      if (!Files.isRegularFile(file)) {
        throw CrossbatchException.usage("no buildspec " + file, "give the path of a buildspec file, e.g. --buildspec buildspec.yml");
      }
      Path root = GitSource.topOf(file.getParent()).orElseThrow(() -> CrossbatchException.usage(
          file + " is not in a git repository; local builds run on a snapshot of a commit",
          "run it from a clone, or 'git init && git add -A && git commit -m initial' there first"));
      String text;
      try {
        text = BoundedFiles.readString(file, MAX_BUILDSPEC);
      } catch (BoundedFiles.TooLargeException e) {
        throw CrossbatchException.usage(file + " is larger than the 256 KiB CodeBuild takes as a buildspec", "give the buildspec itself");
      } catch (IOException e) {
        throw CrossbatchException.usage("cannot read " + file + ": " + IoErrors.reason(e), "check that the file is readable");
      }
      own = new OwnProject(ProjectConfig.ofBuildspec(root, 0), text, root.relativize(Trees.real(file)).toString().replace('\\', '/'));
    }
    return own;
  }

  /**
   * The project whose local batches watch, status, stop, logs and batches look at: crossbatch.yml
   * (or --config) when there is one, else the repository around the start folder when a buildspec
   * of its own ran there ({@code .crossbatch/} at its root), else the missing crossbatch.yml's error.
   */
  public ProjectConfig batchProject() {
    if (!hasConfig()) {
      Optional<Path> root = GitSource.topOf(context.workDir());
      if (root.isPresent() && Files.isDirectory(root.get().resolve(Layout.STATE))) {
        return ProjectConfig.ofBuildspec(root.get(), 0);
      }
    }
    return config();
  }

  /** What validate warns about in crossbatch.yml (an unoffered go version, an -X that sets nothing): for the commands that build. */
  public List<Diagnostic> configWarnings() {
    return loaded().warnings();
  }

  /** The AWS clients of this run: made on first use, one set per process, closed when the command ends. */
  public synchronized AwsClients aws(AwsSettings settings, String configRegion) {
    if (aws == null) {
      PrintWriter err = context.err();
      AwsClients clients = new AwsClients(withDefaultRegion(settings, context.environment()), configRegion, AwsClients.Timeouts.DEFAULT,
          global.debug() ? line -> {
            err.println("crossbatch: debug: " + line);
            err.flush();
          } : null);
      aws = clients;
      // Ctrl-C or SIGTERM during a request: closing the clients closes their connections, so a call
      // that waits on a stalled endpoint ends now instead of at its timeout
      context.interrupts().onInterrupt(clients::close);
    }
    return aws;
  }

  /**
   * AWS_DEFAULT_REGION, as the AWS CLI honours it: after --region and AWS_REGION (which the SDK reads
   * itself), before the profile's region and crossbatch.yml's. The SDK for Java does not read it.
   */
  static AwsSettings withDefaultRegion(AwsSettings settings, java.util.Map<String, String> environment) {
    String fallback = environment.get("AWS_DEFAULT_REGION");
    String region = environment.get("AWS_REGION");
    if (settings.region() != null || (region != null && !region.isBlank()) || fallback == null || fallback.isBlank()) {
      return settings;
    }
    return new AwsSettings(fallback.trim(), settings.profile(), settings.endpoint());
  }

  public LocalBuildService local(ProjectConfig config, Consumer<String> notices) {
    return new LocalBuildService(config, context.environment(), context.clock(), notices);
  }

  /**
   * The CodeBuild backend for codebuild.project, remembering its last batch under
   * {@code .crossbatch/codebuild/PROJECT/}. No AWS client exists until the first request.
   */
  public CodeBuildBuildService codebuild(ProjectConfig config, AwsSettings settings) {
    String project = config.codebuild().project();
    if (project == null) {
      throw CrossbatchException.usage(config.file().getFileName() + " sets no codebuild.project, so there is no CodeBuild project to use",
          "add 'codebuild: {project: NAME}' (deploy templates/codebuild-project.yml first), or run on this machine with --local");
    }
    return new CodeBuildBuildService(aws(settings, config.codebuild().region()), project, () -> UUID.randomUUID().toString(),
        memory(config).orElseThrow());
  }

  /** What is remembered here of codebuild.project's batches (empty when none is set): the last id, CodeBuild's checksums. */
  public static Optional<BatchMemory> memory(ProjectConfig config) {
    String project = config.codebuild().project();
    return project == null ? Optional.empty() : Optional.of(new BatchMemory(Layout.of(config).codebuildMemory(project)));
  }

  public BuildService service(Backend backend, ProjectConfig config, AwsSettings settings, Consumer<String> notices) {
    return backend == Backend.CODEBUILD ? codebuild(config, settings) : local(config, notices);
  }

  /**
   * Shows an ended batch (as JSON, or its summary for people; why builds failed on stderr), leaves
   * what CI reads (--junit's file; annotations and a step summary under GitHub Actions) and returns
   * the exit code it means: what watch, start --wait and retry --wait end with.
   */
  public int ended(BuildService service, BatchSnapshot end, Path junit) {
    BatchReport.ended(output(), end, context.clock().instant(), context.workDir(), columns().getAsInt());
    EndReports.ended(context, service, end, junit);
    return ExitCodes.of(end, context.interrupts().interrupted());
  }

  /** A live table on a terminal, lines otherwise, only notices (on stderr) with --output json, nothing with --quiet. */
  public BatchView view() {
    if (!output().forPeople()) {
      return output().json() && !output().quiet() ? BatchView.noticesOnly(context.err()) : BatchView.none();
    }
    CliContext c = context;
    return c.terminal() ? new LiveView(c.out(), c.clock(), c.color(), c.workDir(), columns()) : new LineView(c.out(), c.clock(), global.verbose());
  }

  /** The terminal's width, for rows that must not wrap; 0 (no limit) when output is not a terminal. */
  public IntSupplier columns() {
    return context.terminal() ? new TerminalSize() : () -> 0;
  }

  /** Download progress: a bar on a terminal, lines otherwise, nothing when {@code quiet}; warnings go to stderr regardless. */
  public DownloadProgress downloadProgress(boolean quiet) {
    CliContext c = context;
    return new DownloadProgress(quiet ? new PrintWriter(Writer.nullWriter()) : c.out(), c.err(), c.clock(), c.terminal() && !quiet);
  }

  /** What to do when another run holds an output folder: wait (saying so on stderr) or refuse. */
  public OutputLock.Waiting waiting(boolean wait) {
    CliContext c = context;
    return new OutputLock.Waiting(wait, Duration.ofMillis(250), c.sleeper(), c.clock(), notice -> c.err().println("crossbatch: " + notice));
  }

  /** Starts the background runner of start --local; returns the batch id it printed. */
  public String startDetached(List<String> arguments, Path log) {
    return Detached.start(context, arguments, log);
  }

  /**
   * Follows a batch to its end in a view of its own, closed before this returns; the ended batch
   * with its details. Ctrl-C ends the watching, not the batch; a backend silent for a minute is said to be.
   *
   * @param timeout null for no limit
   */
  public BatchSnapshot follow(BuildService service, Backend backend, String id, Duration timeout) {
    Thread watcher = Thread.currentThread();
    try (Following following = following(backend);
        Interrupts.Registration stop = context.interrupts().onInterrupt(watcher::interrupt)) {
      return Watch.run(service, new Watch.Request(id, backend.polling(), timeout), following, context.sleeper(), context.clock());
    }
  }

  /** The view of a batch being followed on {@code backend}, with its stall notice; closing it ends both. */
  public Following following(Backend backend) {
    Output output = output();
    return new Following(view(), backend == Backend.CODEBUILD ? "CodeBuild" : "the local runner", output.forPeople(), output::say);
  }

  @Override
  public synchronized void close() {
    if (aws != null) {
      aws.close();
      aws = null;
    }
  }
}
