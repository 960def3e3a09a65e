package dev.crossbatch.core.yaml;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.util.List;
import java.util.stream.Collectors;

/** A config or buildspec with errors; carries every finding, each with its file:line:col. */
public final class InvalidFileException extends CrossbatchException {
  private final List<Diagnostic> diagnostics;

  public InvalidFileException(List<Diagnostic> diagnostics) {
    super(
        ErrorKind.USAGE,
        diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")),
        null);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
