package dev.crossbatch.cli;

import dev.crossbatch.core.config.Layout;
import dev.crossbatch.cli.render.BatchTable;
import dev.crossbatch.cli.render.BatchView;
import dev.crossbatch.cli.render.DownloadProgress;
import dev.crossbatch.cli.render.Json;
import dev.crossbatch.cli.render.LineView;
import dev.crossbatch.cli.render.LiveView;
import dev.crossbatch.cli.render.SnapshotJson;
import dev.crossbatch.cli.render.StallNotice;
import dev.crossbatch.cli.render.Table;
import dev.crossbatch.core.aws.CodeBuildBuildService;
import dev.crossbatch.core.batch.BatchMemory;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BatchTracker;
import dev.crossbatch.core.batch.BuildService;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.local.LocalBuildService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The composition root: builds backends and views from the command line's context. */
public final class ServiceFactory {
  private final CrossbatchCommand root;

  public ServiceFactory(CrossbatchCommand root) {
    this.root = root;
  }

  public ProjectConfig config() {
    return root.crossbatch().loadConfig(root.context().resolve(root.global().config()), root.global().config());
  }

  public LocalBuildService local(ProjectConfig config, Consumer<String> notices) {
    return new LocalBuildService(config, root.context().environment(), root.context().clock(), notices);
  }

  /**
   * The CodeBuild backend for codebuild.project, remembering its last batch under
   * {@code .crossbatch/codebuild/PROJECT/}. No AWS client exists until the first request.
   */
  public CodeBuildBuildService codebuild(ProjectConfig config, AwsOptions aws) {
    String project = config.codebuild().project();
    if (project == null) {
      throw CrossbatchException.usage(config.file().getFileName() + " sets no codebuild.project, so there is no CodeBuild project to use",
          "add 'codebuild: {project: NAME}' (deploy templates/codebuild-project.yml first), or run on this machine with --local");
    }
    return new CodeBuildBuildService(root.aws(aws.settings(), config.codebuild().region()), project, () -> UUID.randomUUID().toString(), memory(config).orElseThrow());
  }

  /** What is remembered here of codebuild.project's batches (empty when none is set): the last id, CodeBuild's checksums. */
  public static Optional<BatchMemory> memory(ProjectConfig config) {
    String project = config.codebuild().project();
    return project == null ? Optional.empty()
        : Optional.of(new BatchMemory(Layout.of(config).codebuildMemory(project)));
  }

  public BuildService service(Backend backend, ProjectConfig config, AwsOptions aws, Consumer<String> notices) {
    return backend == Backend.CODEBUILD ? codebuild(config, aws) : local(config, notices);
  }

  /** A live table on a terminal, lines otherwise, nothing with --quiet or --output json. */
  public BatchView view() {
    CliContext c = root.context();
    if (root.global().quiet() || root.global().output() == GlobalOptions.Output.json) {
      return BatchView.none();
    }
    return c.terminal() ? new LiveView(c.out(), c.clock(), c.color(), c.workDir(), columns()) : new LineView(c.out(), c.clock(), root.global().verbose());
  }

  /** The terminal's width, for rows that must not wrap; 0 (no limit) when output is not a terminal. */
  public java.util.function.IntSupplier columns() {
    return root.context().terminal() ? new dev.crossbatch.cli.render.TerminalSize() : () -> 0;
  }

  /** Download progress: a bar on a terminal, lines otherwise, nothing when {@code quiet}; warnings go to stderr regardless. */
  public DownloadProgress downloadProgress(boolean quiet) {
    CliContext c = root.context();
    return new DownloadProgress(quiet ? new PrintWriter(Writer.nullWriter()) : c.out(), c.err(), c.clock(), c.terminal() && !quiet);
  }

  /** What to do when another run holds an output folder: wait (saying so on stderr) or refuse. */
  public OutputLock.Waiting waiting(boolean wait) {
    CliContext c = root.context();
    return new OutputLock.Waiting(wait, Duration.ofMillis(250), c.sleeper(), c.clock(), notice -> c.err().println("crossbatch: " + notice));
  }

  /** The versions a manifest records: crossbatch, Java, and the git and go found on the PATH. */
  public Map<String, String> tools() {
    Map<String, String> tools = new LinkedHashMap<>();
    tools.put("crossbatch", VersionProvider.version());
    tools.put("java", Runtime.version().toString());
    version("git", "--version").ifPresent(v -> tools.put("git", v.replaceFirst("^git version ", "")));
    version("go", "version").ifPresent(v -> tools.put("go", v.replaceFirst("^go version ", "")));
    return tools;
  }

  /** Starts the background runner of start --local; returns the batch id it printed. */
  public String startDetached(List<String> arguments, Path log) {
    return Detached.start(root.context(), arguments, log);
  }

  /**
   * Follows a batch to its end (the view shows every look), then takes the closer look that only
   * an ended batch needs, and returns the exit code of {@link #finished}.
   *
   * @param timeoutMinutes null for no limit
   */
  public int watch(BuildService service, Backend backend, String id, Integer timeoutMinutes) throws Exception {
    return finished(follow(service, backend, id, timeoutMinutes));
  }

  /** Follows a batch to its end in a view of its own, closed before this returns; the ended batch with its details. */
  public BatchSnapshot follow(BuildService service, Backend backend, String id, Integer timeoutMinutes) throws Exception {
    try (BatchView view = view()) {
      Thread watcher = Thread.currentThread();
      BatchSnapshot end;
      boolean silent = root.global().quiet() || root.global().output() == GlobalOptions.Output.json;
      Consumer<String> say = silent ? n -> root.context().err().println("crossbatch: " + n) : view::notice;
      try (Interrupts.Registration stop = root.context().interrupts().onInterrupt(watcher::interrupt);
          StallNotice stall = new StallNotice(backend == Backend.CODEBUILD ? "CodeBuild" : "the local runner", StallNotice.AFTER, say)) {
        end = BatchTracker.follow(() -> {
          try {
            return service.describe(id);
          } finally {
            stall.answered();
          }
        }, view::update, backend.polling(), root.context().sleeper(), root.context().clock(),
            timeoutMinutes == null ? null : Duration.ofMinutes(timeoutMinutes));
      }
      end = service.details(end);
      view.close();
      return end;
    }
  }

  /** The table of an ended batch, after a blank line, each row cut to the terminal's width. */
  public void summary(BatchSnapshot end) {
    CliContext c = root.context();
    c.out().println();
    Table.print(c.out(), BatchTable.SUMMARY_HEADERS, BatchTable.summary(end, c.clock().instant(), c.workDir()), columns().getAsInt());
  }

  /** After a batch ended: the summary, why builds failed, and the exit code (0 only if it succeeded). */
  public int finished(BatchSnapshot end) {
    CliContext c = root.context();
    if (root.global().output() == GlobalOptions.Output.json) {
      c.out().println(Json.write(SnapshotJson.of(end)));
    } else if (!root.global().quiet()) {
      summary(end);
    }
    BatchTable.failures(end, c.workDir()).forEach(c.err()::println);
    if (c.interrupts().interrupted()) {
      return ExitCodes.INTERRUPTED;
    }
    return end.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** Tells the user which generated files a command rewrote, so they commit them. */
  public void reportGenerated(List<Generation.FileResult> files) {
    for (Generation.FileResult f : files) {
      if (f.state() == Generation.State.CREATED || f.state() == Generation.State.UPDATED) {
        root.context().err().println("crossbatch: " + f.state().name().toLowerCase(Locale.ROOT) + " " + f.path()
            + " from crossbatch.yml; commit it");
      }
    }
  }

  private Optional<String> version(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
