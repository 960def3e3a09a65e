package dev.crossbatch.core.golang;

import dev.crossbatch.core.io.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package-level {@code var} and {@code const} declarations of one Go package folder, read line
 * by line from its non-test files: enough to tell what the linker's {@code -X} can set, without a Go
 * parser. {@code -X importpath.name=value} sets a string variable declared without an initializer
 * or with a constant string one; a constant, a variable of another type, or one initialized by a
 * call or another variable keeps its value, silently.
 */
public final class GoDeclarations {
  /** What a declaration is to -X. */
  public enum Kind {
    /** A string variable -X can set: {@code var version string}, {@code var version = "dev"}. */
    SETTABLE,
    /** A constant: {@code const version = "v1.2.3"}. */
    CONSTANT,
    /** A variable of another type: {@code var version int}. */
    NOT_STRING,
    /** A variable initialized otherwise: {@code var version = buildVersion()}, which -X leaves as it is. */
    COMPUTED
  }

  /** A declared name, what it is, and where: the file's name and the line, from 1. */
  public record Declaration(String name, Kind kind, String file, int line) {}

  /** One name (or several, {@code a, b string}) with an optional type and initializer. */
  private static final Pattern SPEC = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*(?:\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*)*)\\s*([A-Za-z_][A-Za-z0-9_.\\[\\]*]*)?\\s*(?:=\\s*(.*))?$");
  private static final Pattern OPENING = Pattern.compile("^(var|const)\\s*\\((.*)$");
  private static final Pattern SINGLE = Pattern.compile("^(var|const)\\s+(.+)$");
  private static final String LITERAL = "(?:\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)";
  /** One string literal per name: {@code "dev"}, or {@code "none", "unknown"} for {@code commit, date}. */
  private static final Pattern STRING_LITERALS = Pattern.compile("^" + LITERAL + "(?:\\s*,\\s*" + LITERAL + ")*$");
  private static final int MAX_BYTES = 16 << 20;

  private GoDeclarations() {}

  /** The declarations of the package in {@code folder}; empty when it has no Go files. */
  public static List<Declaration> of(Path folder) {
    List<Declaration> found = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return found;
    }
    for (Path file : goFiles(folder)) {
      try {
        read(file.getFileName().toString(), BoundedFiles.readString(file, MAX_BYTES), found);
      } catch (IOException unreadable) {
        // a file go build could not read either; it says so
      }
    }
    return found;
  }

  /** Whether {@code folder} holds Go files (a package go build can build). */
  public static boolean isPackage(Path folder) {
    return !goFiles(folder).isEmpty();
  }

  /** The non-test Go files of a package folder, sorted; none when it cannot be read. */
  public static List<Path> goFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(f -> f.toString().endsWith(".go") && !f.toString().endsWith("_test.go")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  static void read(String file, String text, List<Declaration> into) {
    String block = null; // "var" or "const" inside a top-level ( ) block
    int depth = 0; // braces: a function body's declarations are not the package's
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = stripComment(line.strip());
      if (depth == 0) {
        if (block == null) {
          Matcher opening = OPENING.matcher(trimmed);
          Matcher single = SINGLE.matcher(trimmed);
          if (opening.matches()) {
            block = opening.group(1);
            String rest = opening.group(2).strip();
            if (rest.startsWith(")")) {
              block = null;
            } else if (!rest.isEmpty()) {
              spec(block, rest, file, i + 1, into);
            }
          } else if (single.matches()) {
            spec(single.group(1), single.group(2), file, i + 1, into);
          }
        } else if (trimmed.startsWith(")")) {
          block = null;
        } else if (!trimmed.isEmpty()) {
          spec(block, trimmed, file, i + 1, into);
        }
      }
      depth = Math.max(0, depth + count(line, '{') - count(line, '}'));
    }
  }

  private static void spec(String keyword, String text, String file, int line, List<Declaration> into) {
    Matcher m = SPEC.matcher(text.strip());
    if (!m.matches()) {
      return;
    }
    String type = m.group(2);
    String value = m.group(3) == null ? null : m.group(3).strip();
    Kind kind;
    if (keyword.equals("const")) {
      kind = Kind.CONSTANT;
    } else if (type != null && !type.equals("string")) {
      kind = Kind.NOT_STRING;
    } else if (value == null) {
      kind = type == null ? Kind.COMPUTED : Kind.SETTABLE;
    } else {
      kind = STRING_LITERALS.matcher(value).matches() ? Kind.SETTABLE : Kind.COMPUTED;
    }
    for (String name : m.group(1).split("\\s*,\\s*")) {
      into.add(new Declaration(name, kind, file, line));
    }
  }

  /** The line without a trailing // comment; a // inside a "..." or `...` literal stays. */
  private static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '`') {
        quote = c;
      } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
        return line.substring(0, i).strip();
      }
    }
    return line;
  }

  private static int count(String line, char c) {
    int n = 0;
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
        inString = !inString;
      } else if (ch == c && !inString) {
        n++;
      }
    }
    return n;
  }
}
