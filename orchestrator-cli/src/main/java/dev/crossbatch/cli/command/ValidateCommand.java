package dev.crossbatch.cli.command;

import dev.crossbatch.cli.render.Output;
import dev.crossbatch.cli.render.json.ValidateJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.text.Printable;
import dev.crossbatch.core.validate.FileCheck;
import dev.crossbatch.core.validate.Validation;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "validate",
    description = {
      "Check crossbatch.yml and buildspecs against CodeBuild's rules.",
      "Reports every problem at once as file:line:col: message, generated or hand-written."
          + " Files named crossbatch.yml are configs, all others buildspecs."
          + " Without FILE: the config and buildspecs/*.yml next to it."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch validate",
      "  crossbatch validate ci/buildspec.yml other/buildspec-batch.yml",
      "  crossbatch validate --output json crossbatch.yml"
    })
public final class ValidateCommand implements Callable<Integer> {
  private final Session session;

  ValidateCommand(Session session) {
    this.session = session;
  }

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "files to check")
  List<String> files = new ArrayList<>();

  @Override
  public Integer call() {
    Validation.Result result = Validation.run(new Validation.Request(session.context().workDir(), session.global().config(), files));
    Output output = session.output();
    if (output.json()) {
      output.json(ValidateJson.of(result));
      return result.valid() ? ExitCodes.OK : ExitCodes.USAGE;
    }
    for (FileCheck check : result.checks()) {
      check.diagnostics().forEach(output.err()::println);
    }
    for (FileCheck check : result.checks()) {
      if (check.valid()) {
        output.line(Printable.escape(check.file()) + ": valid " + (check.kind() == FileCheck.Kind.CONFIG ? "config" : "buildspec") + " (" + check.summary() + ")");
      }
    }
    long errors = result.errors();
    if (errors > 0) {
      long bad = result.invalidFiles();
      output.err().println(errors + (errors == 1 ? " error" : " errors") + " in " + bad + (bad == 1 ? " file" : " files"));
      return ExitCodes.USAGE;
    }
    return ExitCodes.OK;
  }
}
