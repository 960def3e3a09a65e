package dev.crossbatch.cli;

import dev.crossbatch.cli.render.BatchView;
import dev.crossbatch.cli.render.LineView;
import dev.crossbatch.cli.render.LiveView;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.local.LocalBuildService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** A live table on a terminal, lines otherwise, nothing with --quiet or --output json. */
  public BatchView view() {
    CliContext c = root.context();
    if (root.global().quiet() || root.global().output() == GlobalOptions.Output.json) {
      return BatchView.none();
    }
    return c.terminal() ? new LiveView(c.out(), c.clock(), c.color(), c.workDir()) : new LineView(c.out(), c.clock(), root.global().verbose());
  }

  /** The versions a manifest records: crossbatch, Java, and the git and go found on the PATH. */
  public Map<String, String> tools() {
    Map<String, String> tools = new LinkedHashMap<>();
    tools.put("crossbatch", VersionProvider.version());
    tools.put("java", Runtime.version().toString());
    version("git", "git", "--version").ifPresent(v -> tools.put("git", v.replaceFirst("^git version ", "")));
    version("go", "go", "version").ifPresent(v -> tools.put("go", v.replaceFirst("^go version ", "")));
    return tools;
  }

  /** Starts the background runner of start --local; returns the batch id it printed. */
  public String startDetached(List<String> arguments, java.nio.file.Path log) {
    return Detached.start(root.context(), arguments, log);
  }

  /** watch, status and stop: the CodeBuild backend is not part of this build yet. */
  public void requireLocal(ProjectConfig config, boolean local) {
    if (!local && config.codebuild().hasProject()) {
      throw dev.crossbatch.core.error.CrossbatchException.usage(
          "the CodeBuild backend is not part of this build of crossbatch (crossbatch.yml sets codebuild.project)",
          "follow local batches with --local");
    }
  }

  /** The batch the user named, or the last one started from this folder. */
  public String batchId(LocalBuildService service, String given) {
    if (given != null) {
      return given;
    }
    return service.lastBatch().orElseThrow(() -> dev.crossbatch.core.error.CrossbatchException.usage(
        "no batch was started from here yet", "start one with 'crossbatch start --local' (or 'crossbatch release'), or pass a batch id"));
  }

  /** After a batch ended: the summary, why builds failed, and the exit code (0 only if it succeeded). */
  public int finished(dev.crossbatch.core.batch.BatchSnapshot end) {
    CliContext c = root.context();
    if (root.global().output() == GlobalOptions.Output.json) {
      c.out().println(dev.crossbatch.cli.render.Json.write(dev.crossbatch.cli.render.SnapshotJson.of(end)));
    } else if (!root.global().quiet()) {
      c.out().println();
      dev.crossbatch.cli.render.Table.print(c.out(), dev.crossbatch.cli.render.BatchTable.SUMMARY_HEADERS,
          dev.crossbatch.cli.render.BatchTable.summary(end, c.clock().instant(), c.workDir()));
    }
    dev.crossbatch.cli.render.BatchTable.failures(end, c.workDir()).forEach(c.err()::println);
    if (c.interrupts().interrupted()) {
      return ExitCodes.INTERRUPTED;
    }
    return end.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** Tells the user which generated files a command rewrote, so they commit them. */
  public void reportGenerated(List<Generation.FileResult> files) {
    for (Generation.FileResult f : files) {
      if (f.state() == Generation.State.CREATED || f.state() == Generation.State.UPDATED) {
        root.context().err().println("crossbatch: " + f.state().name().toLowerCase(java.util.Locale.ROOT) + " " + f.path()
            + " from crossbatch.yml; commit it");
      }
    }
  }

  private java.util.Optional<String> version(String name, String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? java.util.Optional.of(out) : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }
}
