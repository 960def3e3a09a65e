package dev.crossbatch.cli.render.json;

import dev.crossbatch.core.validate.FileCheck;
import dev.crossbatch.core.validate.Validation;
import java.util.List;
import java.util.Locale;

/** validate: whether every file is valid, and each file's diagnostics. */
public record ValidateJson(boolean valid, List<FileJson> files) {
  public static ValidateJson of(Validation.Result result) {
    return new ValidateJson(result.valid(), result.checks().stream().map(FileJson::of).toList());
  }

  /** One file checked. */
  public record FileJson(String file, String kind, boolean valid, String summary, List<DiagnosticJson> diagnostics) {
    static FileJson of(FileCheck check) {
      return new FileJson(check.file(), check.kind().name().toLowerCase(Locale.ROOT), check.valid(), check.summary(),
          check.diagnostics().stream().map(d -> new DiagnosticJson(d.line(), d.column(), d.severity().name().toLowerCase(Locale.ROOT), d.message())).toList());
    }
  }

  /** A problem at a line and column. */
  public record DiagnosticJson(int line, int column, String severity, String message) {}
}
