package dev.crossbatch.core.yaml;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every finding in one file so that all of them are reported at once. */
public final class Diagnostics {
  private final String file;
  private final List<Diagnostic> found = new ArrayList<>();

  public Diagnostics(String file) {
    this.file = file;
  }

  public String file() {
    return file;
  }

  public void error(Node at, String message) {
    add(at.getStartMark(), 0, Severity.ERROR, message);
  }

  /** An error {@code offset} characters into a single-line scalar, for pointing at one bad character. */
  public void error(Node at, int offset, String message) {
    add(at.getStartMark(), offset, Severity.ERROR, message);
  }

  public void warning(Node at, String message) {
    add(at.getStartMark(), 0, Severity.WARNING, message);
  }

  public void error(Mark mark, String message) {
    add(mark, 0, Severity.ERROR, message);
  }

  public void error(int line, int column, String message) {
    found.add(new Diagnostic(file, line, column, Severity.ERROR, message));
  }

  private void add(Mark mark, int offset, Severity severity, String message) {
    int line = mark == null ? 1 : mark.getLine() + 1;
    int column = mark == null ? 1 : mark.getColumn() + 1 + offset;
    found.add(new Diagnostic(file, line, column, severity, message));
  }

  public boolean hasErrors() {
    return found.stream().anyMatch(Diagnostic::isError);
  }

  /** Findings in file order. */
  public List<Diagnostic> list() {
    return found.stream().sorted().toList();
  }

  /** Throws when anything is wrong, with every error found; warnings alone pass. */
  public void throwIfErrors() {
    if (hasErrors()) {
      throw new InvalidFileException(list());
    }
  }
}
