package dev.crossbatch.cli.command;

import dev.crossbatch.cli.render.json.GenerateJson;
import dev.crossbatch.cli.render.json.PlanJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.generate.GenerationRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    description = {
      "Write the buildspec and the CloudFormation template next to crossbatch.yml.",
      "Writes buildspecs/buildspec.yml (and buildspecs/test.yml in graph mode) and"
          + " templates/codebuild-project.yml from the built-in presets or the config's own preset."
          + " A file is rewritten only when its content changes."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch generate",
      "  crossbatch generate --check    in CI: exit 1 naming each stale file",
      "  crossbatch generate --config services/api/crossbatch.yml"
    })
public final class GenerateCommand implements Callable<Integer> {
  private final Session session;

  GenerateCommand(Session session) {
    this.session = session;
  }

  @Option(names = "--check", description = "write nothing; exit 1 if a generated file is missing or would change")
  boolean check;

  @Override
  public Integer call() {
    Generation.Result result = Generation.run(session.config(), check, GenerationRecord.ofThisTool());
    PrintWriter out = session.context().out();
    if (session.output().json()) {
      session.output().json(new GenerateJson(result.files().stream().map(f -> PlanJson.FileJson.of(display(result, f.path()), f.state())).toList(),
          result.stale()));
      return check && result.stale() ? ExitCodes.FAILED : ExitCodes.OK;
    }
    if (check) {
      List<Generation.FileResult> stale = result.files().stream()
          .filter(f -> f.state() == Generation.State.STALE || f.state() == Generation.State.MISSING).toList();
      for (Generation.FileResult f : stale) {
        String why = f.state() == Generation.State.MISSING ? "is missing" : "is stale";
        session.context().err().println(display(result, f.path()) + " " + why + ": run 'crossbatch generate' and commit the result");
      }
      if (!stale.isEmpty()) {
        return ExitCodes.FAILED;
      }
      if (!session.output().quiet()) {
        out.println("generated files are current (" + result.files().size() + " checked)");
      }
      return ExitCodes.OK;
    }
    if (!session.output().quiet()) {
      for (Generation.FileResult f : result.files()) {
        out.println(String.format("%-9s %s", f.state().name().toLowerCase(Locale.ROOT), display(result, f.path())));
      }
    }
    return ExitCodes.OK;
  }

  /** The file's path as seen from where crossbatch was started. */
  private String display(Generation.Result result, String path) {
    Path file = result.config().dir().resolve(path);
    Path work = session.context().workDir().toAbsolutePath();
    return file.startsWith(work) ? work.relativize(file).toString() : file.toString();
  }
}
