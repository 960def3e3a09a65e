package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.BatchOptions;
import dev.crossbatch.cli.options.OwnBuildspec;
import dev.crossbatch.cli.options.WaitOptions;
import dev.crossbatch.cli.render.BatchView;
import dev.crossbatch.cli.render.Output;
import dev.crossbatch.cli.render.Plural;
import dev.crossbatch.cli.render.ReleaseReport;
import dev.crossbatch.cli.render.json.StartJson;
import dev.crossbatch.cli.session.Backend;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.aws.CodeBuildBuildService;
import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.local.LocalBuildService;
import dev.crossbatch.core.release.CodeBuildStart;
import dev.crossbatch.core.release.StartBatch;
import dev.crossbatch.core.source.Commit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "start",
    description = {
      "Start a batch and return its id; --wait follows it to the end like watch.",
      "On AWS CodeBuild (--codebuild, the default with codebuild.project): StartBuildBatch of the local HEAD"
          + " commit (or --source-version), with the buildspec crossbatch.yml renders as buildspecOverride"
          + " (unless --project-buildspec), VERSION from git describe, and an idempotency token; it prints the"
          + " batch id and its console link. On this machine (--local): the same batch runs in the background;"
          + " --buildspec FILE runs a buildspec of your own there instead, without crossbatch.yml."
          + " watch, status, stop, retry and logs find the batch without an id."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch start",
      "  crossbatch start --codebuild --wait --platform linux/arm64",
      "  crossbatch start --source-version v1.2.0 --env GOFLAGS=-mod=vendor",
      "  crossbatch start --local --wait",
      "  crossbatch start --local --wait --buildspec buildspec.yml"
    })
public final class StartCommand implements Callable<Integer> {
  private final Session session;

  StartCommand(Session session) {
    this.session = session;
  }

  @Mixin BatchOptions batch;

  @Mixin WaitOptions wait;

  @Mixin OwnBuildspec own;

  @Option(names = "--project-buildspec", description = "CodeBuild: run the buildspec the project names, not the one crossbatch.yml renders")
  boolean projectBuildspec;

  @Override
  public Integer call() {
    ProjectConfig config = own.project(session);
    if (!own.given()) {
      ReleaseReport.skipped(session.output(), config.skippedPlatforms());
      session.configWarnings().forEach(w -> session.output().err().println(w));
    }
    Backend backend = own.backend(batch, config);
    Duration timeout = wait.timeout();
    if (backend == Backend.CODEBUILD) {
      return onCodeBuild(config, timeout);
    }
    if (projectBuildspec) {
      throw CrossbatchException.usage("--project-buildspec is for CodeBuild batches", "drop it, or add --codebuild");
    }
    if (timeout != null) {
      throw CrossbatchException.usage("--timeout is for CodeBuild batches: a local batch started with --wait runs in this process",
          "limit each build with --build-timeout instead");
    }
    return wait.await() ? localInForeground(config) : localInBackground(config);
  }

  private int onCodeBuild(ProjectConfig config, Duration timeout) {
    batch.checkForCodeBuild();
    CodeBuildBuildService service = session.codebuild(config, batch.aws().settings());
    Output output = session.output();
    StartBatch.Started start = StartBatch.onCodeBuild(config, service, batch.request(false, Map.of()), projectBuildspec, output::warning);
    CodeBuildStart.Plan plan = start.plan();
    BatchSnapshot started = start.batch();
    PrintWriter out = output.out();
    if (output.json()) {
      if (!wait.await()) {
        output.json(new StartJson.CodeBuild(started.id(), BatchSnapshot.CODEBUILD, service.project(), plan.request().sourceVersion(), plan.commit(),
            plan.version(), service.consoleLink(started.id())));
      }
    } else {
      out.println("started " + started.id());
      if (!output.quiet()) {
        out.println("  on CodeBuild project " + service.project() + ", " + describe(plan) + ", " + Plural.of(started.builds().size(), "build"));
        out.println("  " + service.consoleLink(started.id()));
        if (!wait.await()) {
          out.println("follow it with: crossbatch watch   (status, logs, stop, retry)");
        }
      }
    }
    out.flush();
    return wait.await() ? session.ended(service, session.follow(service, Backend.CODEBUILD, started.id(), timeout), null) : ExitCodes.OK;
  }

  private static String describe(CodeBuildStart.Plan plan) {
    String source = plan.commit() == null ? plan.request().sourceVersion()
        : Commit.abbreviate(plan.commit()) + (plan.commit().equals(plan.request().sourceVersion()) ? "" : " (" + plan.request().sourceVersion() + ")");
    return "commit " + source + (plan.version() == null ? "" : ", version " + plan.version());
  }

  private int localInBackground(ProjectConfig config) {
    // said here, where the user is; the runner checks again, and waits or refuses as told
    session.local(config, n -> { }).outputHolder().ifPresent(holder -> {
      if (!batch.waitLock()) {
        throw CrossbatchException.usage(Layout.of(config).outputDir() + " is in use by " + holder
            + "; two runs writing one folder would spoil each other's files", "wait until it ends, or add --wait-lock to start once it has");
      }
      session.context().err().println("crossbatch: the batch starts once " + holder + " is done with " + config.local().output() + "/");
    });
    List<String> args = new ArrayList<>(own.given() ? List.of() : List.of("--config", config.file().toAbsolutePath().toString()));
    args.addAll(batch.arguments());
    args.addAll(own.arguments());
    Path log = Layout.of(config).runnerLog();
    String id = session.startDetached(args, log);
    Output output = session.output();
    if (output.json()) {
      output.json(new StartJson.Local(id, BatchSnapshot.LOCAL));
    } else {
      output.result("started " + id);
      if (!output.quiet()) {
        output.result("follow it with: crossbatch watch   (status, logs, stop)");
      }
    }
    return ExitCodes.OK;
  }

  private int localInForeground(ProjectConfig config) {
    BatchRequest request = own.localRequest(session, batch, config);
    try (BatchView view = session.view()) {
      LocalBuildService service = session.local(config, view::notice);
      BatchSnapshot end;
      try (Interrupts.Registration stop = session.context().interrupts().onInterrupt(service::stopAll)) {
        end = StartBatch.local(service, request, session.waiting(batch.waitLock()), "crossbatch start --local --wait", view::update);
      }
      view.close();
      return session.ended(service, end, null);
    }
  }
}
