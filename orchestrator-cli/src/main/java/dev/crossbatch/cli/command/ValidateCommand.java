package dev.crossbatch.cli.command;

import dev.crossbatch.cli.ci.GitHubActions;
import dev.crossbatch.cli.render.Output;
import dev.crossbatch.cli.render.json.ValidateJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.text.Printable;
import dev.crossbatch.core.validate.FileCheck;
import dev.crossbatch.core.validate.Validation;
import dev.crossbatch.core.yaml.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "validate",
    description = {
      "Check crossbatch.yml and buildspecs against CodeBuild's rules.",
      "Reports every problem at once as file:line:col: message, generated or hand-written: an error (exit 2) where CodeBuild"
          + " refuses the file, a warning where it accepts what is probably a mistake (docs/buildspec-rules.md)."
          + " Files named crossbatch.yml are configs, all others buildspecs."
          + " Without FILE: the config and buildspecs/*.yml next to it."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch validate",
      "  crossbatch validate ci/buildspec.yml other/buildspec-batch.yml",
      "  crossbatch validate --output json crossbatch.yml",
      "  crossbatch validate --strict ci/buildspec-batch.yml"
    })
public final class ValidateCommand implements Callable<Integer> {
  private final Session session;

  ValidateCommand(Session session) {
    this.session = session;
  }

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "files to check")
  List<String> files = new ArrayList<>();

  @Option(names = "--strict", description = "fail (exit 2) on warnings too: what CodeBuild accepts but probably is a mistake")
  boolean strict;

  @Override
  public Integer call() {
    Validation.Result result = Validation.run(new Validation.Request(session.context().workDir(), session.configName(), files, strict));
    Output output = session.output();
    if (GitHubActions.on(session.context().environment())) {
      annotate(result);
    }
    if (output.json()) {
      output.json(ValidateJson.of(result));
      return result.valid() ? ExitCodes.OK : ExitCodes.USAGE;
    }
    for (FileCheck check : result.checks()) {
      check.diagnostics().forEach(output.err()::println);
    }
    for (FileCheck check : result.checks()) {
      if (check.valid(strict)) {
        output.line(Printable.escape(check.file()) + ": valid " + (check.kind() == FileCheck.Kind.CONFIG ? "config" : "buildspec") + " (" + check.summary() + ")");
      }
    }
    long errors = result.errors();
    long warnings = strict ? result.warnings() : 0;
    if (errors > 0 || warnings > 0) {
      long bad = result.invalidFiles();
      output.err().println(errors + (errors == 1 ? " error" : " errors")
          + (strict ? " and " + warnings + (warnings == 1 ? " warning (--strict)" : " warnings (--strict)") : "")
          + " in " + bad + (bad == 1 ? " file" : " files"));
      return ExitCodes.USAGE;
    }
    return ExitCodes.OK;
  }

  /** Under GitHub Actions, each error and warning as an annotation on its file, line and column (paths from the workspace). */
  private void annotate(Validation.Result result) {
    String workspace = session.context().environment().get("GITHUB_WORKSPACE");
    Path base = workspace == null || workspace.isBlank() ? session.context().workDir() : Path.of(workspace);
    for (FileCheck check : result.checks()) {
      for (Diagnostic d : check.diagnostics()) {
        Path file = session.context().workDir().resolve(d.file()).toAbsolutePath().normalize();
        String shown = file.startsWith(base.toAbsolutePath().normalize()) ? base.toAbsolutePath().normalize().relativize(file).toString() : d.file();
        session.output().err().println(GitHubActions.annotation(d.isError() ? "error" : "warning", shown, d.line(), d.column(),
            "crossbatch validate", d.message()));
      }
    }
  }
}
