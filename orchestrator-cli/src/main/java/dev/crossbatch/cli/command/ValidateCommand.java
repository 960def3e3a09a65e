package dev.crossbatch.cli.command;

import dev.crossbatch.cli.CrossbatchCommand;
import dev.crossbatch.cli.ExitCodes;
import dev.crossbatch.cli.GlobalOptions;
import dev.crossbatch.cli.render.Json;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.text.Printable;
import dev.crossbatch.core.validate.FileCheck;
import dev.crossbatch.core.yaml.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

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
  @ParentCommand CrossbatchCommand root;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "files to check")
  List<String> files = new ArrayList<>();

  @Override
  public Integer call() {
    List<FileCheck> checks = new ArrayList<>();
    for (String file : files.isEmpty() ? defaultFiles() : files) {
      checks.add(check(file));
    }
    boolean valid = checks.stream().allMatch(FileCheck::valid);
    if (root.global().output() == GlobalOptions.Output.json) {
      root.context().out().println(Json.write(Map.of("valid", valid, "files", checks.stream().map(ValidateCommand::json).toList())));
      return valid ? ExitCodes.OK : ExitCodes.USAGE;
    }
    PrintWriter err = root.context().err();
    PrintWriter out = root.context().out();
    for (FileCheck check : checks) {
      check.diagnostics().forEach(err::println);
    }
    for (FileCheck check : checks) {
      if (check.valid() && !root.global().quiet()) {
        out.println(Printable.escape(check.file()) + ": valid " + (check.kind() == FileCheck.Kind.CONFIG ? "config" : "buildspec") + " (" + check.summary() + ")");
      }
    }
    long errors = checks.stream().flatMap(c -> c.diagnostics().stream()).filter(Diagnostic::isError).count();
    if (errors > 0) {
      long bad = checks.stream().filter(c -> !c.valid()).count();
      err.println(errors + (errors == 1 ? " error" : " errors") + " in " + bad + (bad == 1 ? " file" : " files"));
      return ExitCodes.USAGE;
    }
    return ExitCodes.OK;
  }

  private FileCheck check(String file) {
    Path path = root.context().resolve(file);
    FileCheck.Kind kind = path.equals(root.context().resolve(root.global().config())) ? FileCheck.Kind.CONFIG : FileCheck.kindOf(path);
    return root.crossbatch().validate(path, file, kind);
  }

  /** The config and the buildspecs next to it. */
  private List<String> defaultFiles() {
    String config = root.global().config();
    Path configPath = root.context().resolve(config);
    if (!Files.exists(configPath)) { // something else than a file there gets its own diagnostic
      throw CrossbatchException.usage("no " + config + " in " + configPath.getParent(),
          "pass the files to check (crossbatch validate FILE...), or run 'crossbatch init' to create one");
    }
    List<String> result = new ArrayList<>(List.of(config));
    Path buildspecs = configPath.getParent().resolve("buildspecs");
    if (Files.isDirectory(buildspecs)) {
      try (Stream<Path> list = Files.list(buildspecs)) {
        list.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
            .sorted()
            .forEach(p -> result.add(root.context().workDir().relativize(p).toString()));
      } catch (IOException e) {
        throw CrossbatchException.usage("cannot list " + buildspecs + ": " + e.getMessage(), "pass the files to check");
      }
    }
    return result;
  }

  private static Map<String, Object> json(FileCheck check) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", check.file());
    m.put("kind", check.kind().name().toLowerCase(Locale.ROOT));
    m.put("valid", check.valid());
    m.put("summary", check.summary());
    m.put("diagnostics", check.diagnostics().stream().map(d -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("line", d.line());
      x.put("column", d.column());
      x.put("severity", d.severity().name().toLowerCase(Locale.ROOT));
      x.put("message", d.message());
      return x;
    }).toList());
    return m;
  }
}
