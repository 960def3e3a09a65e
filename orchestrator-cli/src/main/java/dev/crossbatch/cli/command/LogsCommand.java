package dev.crossbatch.cli.command;

import dev.crossbatch.cli.ci.GitHubActions;
import dev.crossbatch.cli.options.BatchSelection;
import dev.crossbatch.cli.render.json.LogsJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.LogFollower;
import dev.crossbatch.core.error.CrossbatchException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "logs",
    description = {
      "Print the log of one build of a batch: from CloudWatch Logs on CodeBuild, from .crossbatch/ locally.",
      "Without BATCH: the last batch started from here. Without --platform: the batch's only build, or its"
          + " only failed one. --follow prints new lines until the build ends (waiting for it to start) and then"
          + " exits 0 if it succeeded, 1 if not."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch logs --platform linux/arm64",
      "  crossbatch logs --platform windows/amd64 --follow",
      "  crossbatch logs --all-failed",
      "  crossbatch logs hello-release:1f2e3d4c-... --platform DOWNLOAD_SOURCE"
    })
public final class LogsCommand implements Callable<Integer> {
  private final Session session;

  LogsCommand(Session session) {
    this.session = session;
  }

  @Mixin BatchSelection target;

  @Option(names = "--platform", paramLabel = "OS/ARCH", description = "the build: a platform (linux/arm64) or a build identifier")
  String platform;

  @Option(names = {"-f", "--follow"}, description = "keep printing until the build ends")
  boolean follow;

  @Option(names = "--all-failed", description = "print the log of every failed build, each after a ==> line naming it")
  boolean allFailed;

  @Override
  public Integer call() {
    if (allFailed && (platform != null || follow)) {
      throw CrossbatchException.usage("--all-failed prints every failed build's log as it is; it goes with neither --platform nor --follow",
          "drop one of them");
    }
    BatchSelection.Selected batch = target.select(session, n -> {});
    PrintWriter out = session.context().out();
    Thread reader = Thread.currentThread();
    BuildRun last;
    try (Interrupts.Registration stop = session.context().interrupts().onInterrupt(reader::interrupt)) {
      LogFollower follower = new LogFollower(batch.service(), batch.id(), batch.backend().logPolling(), session.context().sleeper());
      Consumer<String> print = line -> {
        out.println(line);
        out.flush();
      };
      if (session.output().json()) {
        return json(batch, follower);
      }
      if (allFailed && GitHubActions.on(session.context().environment())) {
        follower.eachFailed(grouped(print)); // each log folded under its build in the job's log
        print.accept("::endgroup::");
        return ExitCodes.OK;
      }
      if (allFailed) {
        follower.printFailed(print);
        return ExitCodes.OK;
      }
      String selector = platform != null ? platform : asked(batch).orElse(null);
      boolean github = GitHubActions.on(session.context().environment());
      if (github) {
        print.accept("::group::log of " + (selector == null ? batch.id() : selector));
      }
      last = follower.print(selector, follow, print);
      if (github) {
        print.accept("::endgroup::");
      }
    }
    return !follow || last.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** Under GitHub Actions: a {@code ::group::} per build, closing the one before. */
  private static LogFollower.BuildLogs grouped(Consumer<String> print) {
    return new LogFollower.BuildLogs() {
      private boolean open;

      @Override
      public void build(BuildRun build, boolean ran) {
        if (open) {
          print.accept("::endgroup::");
        }
        open = true;
        print.accept("::group::" + build.label() + ": " + build.status() + (ran ? "" : " (no log: the build did not run)"));
      }

      @Override
      public void line(String line) {
        print.accept(line);
      }
    };
  }

  /** The logs as one JSON document, printed once every line asked for has been read (with --follow: once the build has ended). */
  private int json(BatchSelection.Selected batch, LogFollower follower) {
    LogsJson.Collector logs = new LogsJson.Collector();
    if (allFailed) {
      follower.eachFailed(logs);
      session.output().json(logs.done(batch.id(), null));
      return ExitCodes.OK;
    }
    BuildRun last = follower.print(platform, follow, logs::line);
    session.output().json(logs.done(batch.id(), last));
    return !follow || last.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * Without --platform, when several builds failed and someone is at the terminal: the failed
   * builds that ran, numbered, and the one chosen by number or name. Empty when nobody answers, and then the
   * error lists them as before.
   */
  private Optional<String> asked(BatchSelection.Selected batch) {
    if (!session.context().terminal()) {
      return Optional.empty();
    }
    List<BuildRun> failed = batch.service().describe(batch.id()).builds().stream()
        .filter(b -> b.statusValue().isTerminal() && !b.succeeded() && b.start() != null).toList(); // a build that never ran has no log
    if (failed.size() < 2) {
      return Optional.empty();
    }
    PrintWriter err = session.context().err();
    err.println(failed.size() + " builds of " + batch.id() + " did not succeed:");
    for (int i = 0; i < failed.size(); i++) {
      err.println(String.format("  %d) %s  %s", i + 1, failed.get(i).label(), failed.get(i).status()));
    }
    err.flush();
    Optional<String> answer = session.context().prompt().ask("which log? [1-" + failed.size() + " or a name]: ").filter(a -> !a.isBlank());
    return answer.map(a -> a.matches("[0-9]{1,4}") && Integer.parseInt(a) >= 1 && Integer.parseInt(a) <= failed.size()
        ? failed.get(Integer.parseInt(a) - 1).identifier() : a);
  }
}
