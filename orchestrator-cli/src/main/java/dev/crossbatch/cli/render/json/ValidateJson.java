package dev.crossbatch.cli.render.json;

import dev.crossbatch.core.validate.FileCheck;
import dev.crossbatch.core.validate.Validation;
import dev.crossbatch.core.yaml.Diagnostic;
import java.util.List;
import java.util.Locale;

/** validate: whether every file is valid (with --strict: without warnings too), and each file's errors and warnings apart. */
public record ValidateJson(boolean valid, boolean strict, long errors, long warnings, List<FileJson> files) {
  public static ValidateJson of(Validation.Result result) {
    return new ValidateJson(result.valid(), result.strict(), result.errors(), result.warnings(),
        result.checks().stream().map(c -> FileJson.of(c, result.strict())).toList());
  }

  /** One file checked. */
  public record FileJson(String file, String kind, boolean valid, String summary, List<DiagnosticJson> errors, List<DiagnosticJson> warnings) {
    static FileJson of(FileCheck check, boolean strict) {
      return new FileJson(check.file(), check.kind().name().toLowerCase(Locale.ROOT), check.valid(strict), check.summary(),
          check.diagnostics().stream().filter(Diagnostic::isError).map(DiagnosticJson::of).toList(),
          check.diagnostics().stream().filter(d -> !d.isError()).map(DiagnosticJson::of).toList());
    }
  }

  /** A problem at a line and column. */
  public record DiagnosticJson(int line, int column, String message) {
    static DiagnosticJson of(Diagnostic d) {
      return new DiagnosticJson(d.line(), d.column(), d.message());
    }
  }
}
