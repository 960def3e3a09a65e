package dev.crossbatch.cli.render;

import dev.crossbatch.cli.render.json.Json;
import java.io.PrintWriter;

/**
 * Where a command's words go, with --output and --quiet decided once: results on stdout as the
 * chosen format asks, notes and warnings on stderr whatever the format, so stdout stays parseable.
 */
public final class Output {
  /** The formats of --output. */
  public enum Format {
    table,
    json,
    text
  }

  private final PrintWriter out;
  private final PrintWriter err;
  private final Format format;
  private final boolean quiet;
  private final boolean verbose;

  public Output(PrintWriter out, PrintWriter err, Format format, boolean quiet, boolean verbose) {
    this.out = out;
    this.err = err;
    this.format = format;
    this.quiet = quiet;
    this.verbose = verbose;
  }

  public boolean json() {
    return format == Format.json;
  }

  public Format format() {
    return format;
  }

  /** Whether words for people go to stdout: not under --quiet, --output json or --output text. */
  public boolean forPeople() {
    return !quiet && format == Format.table;
  }

  /** Whether the end of a batch is shown as its table: for people, or as rows under --output text (whatever --quiet says, as JSON). */
  public boolean summaries() {
    return forPeople() || format == Format.text;
  }

  /** How table values are written in this format. */
  public Cells cells() {
    return Cells.of(format);
  }

  /** Rows under their headers for people, each cut to {@code columns} (0: no limit); tab-separated rows alone under --output text. */
  public void table(java.util.List<String> headers, java.util.List<java.util.List<String>> rows, int columns) {
    if (format == Format.text) {
      Table.tsv(out, rows);
    } else {
      Table.print(out, headers, rows, columns);
    }
  }

  /** Whether --quiet was given. */
  public boolean quiet() {
    return quiet;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  /** A result in the JSON of docs/output-json.md. */
  public void json(Object value) {
    out.println(Json.write(value));
  }

  /** A line for people on stdout, unless quiet or JSON. */
  public void line(String text) {
    if (forPeople()) {
      out.println(text);
    }
  }

  /** A line on stdout whatever --quiet says (not under JSON): what a command exists to print. */
  public void result(String text) {
    if (!json()) {
      out.println(text);
    }
  }

  public void note(String text) {
    err.println("crossbatch: note: " + text);
  }

  /** A note only --verbose asks for. */
  public void detail(String text) {
    if (verbose) {
      note(text);
    }
  }

  public void warning(String text) {
    err.println("crossbatch: warning: " + text);
  }

  /** A message on stderr in crossbatch's own voice. */
  public void say(String text) {
    err.println("crossbatch: " + text);
  }
}
