package dev.crossbatch.cli.render;

import dev.crossbatch.core.text.Printable;
import java.io.PrintWriter;
import java.util.List;

/** Left-aligned columns separated by two spaces; no trailing spaces. */
public final class Table {
  private Table() {}

  public static void print(PrintWriter out, List<String> headers, List<List<String>> rows) {
    print(out, headers, rows, 0);
  }

  /** As {@link #print(PrintWriter, List, List)}, each line cut to {@code columns} (0: no limit) so that none wraps on a terminal. */
  public static void print(PrintWriter out, List<String> headers, List<List<String>> given, int columns) {
    // cells come from servers and builds: control characters are shown, never obeyed
    List<List<String>> rows = given.stream().map(r -> r.stream().map(Printable::escape).toList()).toList();
    int[] widths = new int[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      widths[i] = headers.get(i).length();
    }
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    out.println(TerminalSize.fit(line(headers, widths), columns));
    rows.forEach(r -> out.println(TerminalSize.fit(line(r, widths), columns)));
  }

  /** Tab-separated rows without a header and without padding, for cut and awk: {@code --output text}. */
  public static void tsv(PrintWriter out, List<List<String>> rows) {
    // a tab or a newline inside a cell would split it: shown escaped, as every control character
    rows.forEach(r -> out.println(String.join("\t", r.stream().map(Printable::escape).toList())));
  }

  static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      line.append(cells.get(i));
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cells.get(i).length()));
      }
    }
    return line.toString().stripTrailing();
  }
}
