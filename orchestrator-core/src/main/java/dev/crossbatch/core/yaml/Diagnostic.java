package dev.crossbatch.core.yaml;

import dev.crossbatch.core.text.Printable;
import java.util.Comparator;

/** One finding in a file, printed the way compilers do: {@code file:line:col: message}. */
public record Diagnostic(String file, int line, int column, Severity severity, String message)
    implements Comparable<Diagnostic> {

  /** The message and file name as they will be printed: control characters from a value are shown escaped. */
  public Diagnostic {
    file = Printable.escape(file);
    message = Printable.escape(message);
  }

  private static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::file)
          .thenComparingInt(Diagnostic::line)
          .thenComparingInt(Diagnostic::column)
          .thenComparing(Diagnostic::message);

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public int compareTo(Diagnostic other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    String where = file + ":" + line + ":" + column + ": ";
    return severity == Severity.WARNING ? where + "warning: " + message : where + message;
  }
}
