package dev.crossbatch.core.init;

import dev.crossbatch.core.io.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a Go module keeps the version its binary prints, so that init writes {@code -X} flags that
 * set it: string variables named version/Version (and commit/Commit) in the main package or in a
 * version-like package (version, internal/version, pkg/version, internal/buildinfo, buildinfo).
 * {@code -X} sets package-level string variables only; a constant of that name is said, since
 * {@code -X} silently does nothing to it.
 */
final class VersionVariables {
  static final List<String> PACKAGES = List.of("version", "internal/version", "pkg/version", "internal/buildinfo", "buildinfo");
  /** A declaration of version/commit: {@code var version = "dev"}, {@code Version string}, {@code commit = "none"} in a var block. */
  private static final Pattern DECLARATION = Pattern.compile("^\\s*(?:(var|const)\\s+)?([Vv]ersion|[Cc]ommit)\\s*(string\\b|=)");

  /** What was found: the -X flags to write, and what the user should know. */
  record Found(List<String> flags, List<String> notes) {}

  private VersionVariables() {}

  /**
   * @param main the main package as crossbatch.yml names it ("." or ./cmd/NAME)
   * @param modulePath the module's import path, for variables outside the main package
   */
  static Found find(Path moduleDir, String main, String modulePath) {
    Map<String, String> flags = new LinkedHashMap<>(); // placeholder -> -X flag, first found wins
    List<String> notes = new ArrayList<>();
    List<String> where = new ArrayList<>();
    where.add(main);
    PACKAGES.forEach(p -> where.add("./" + p));
    for (String pkg : where) {
      Path folder = moduleDir.resolve(pkg).normalize();
      String importPath = pkg.equals(main) ? "main" : modulePath + "/" + pkg.substring(2);
      for (Declaration decl : declarations(folder)) {
        String placeholder = decl.name().toLowerCase().equals("version") ? "{version}" : "{commit}";
        if (decl.constant()) {
          notes.add(decl.name() + " in " + pkg + " is a constant, which -X cannot set: make it a 'var' to have releases stamp it");
        } else {
          flags.putIfAbsent(placeholder, "-X " + importPath + "." + decl.name() + "=" + placeholder);
        }
      }
    }
    return new Found(List.copyOf(flags.values()), notes);
  }

  private record Declaration(String name, boolean constant) {}

  /** Package-level version/commit declarations in the folder's non-test Go files, in file order. */
  private static List<Declaration> declarations(Path folder) {
    List<Declaration> found = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return found;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(f -> f.toString().endsWith(".go") && !f.toString().endsWith("_test.go")).sorted().toList();
    } catch (IOException e) {
      return found;
    }
    for (Path file : files) {
      String text;
      try {
        text = BoundedFiles.readString(file, 16 << 20);
      } catch (IOException e) {
        continue;
      }
      String block = null; // "var" or "const" inside a ( ) block at the top level
      int depth = 0;
      for (String line : text.split("\n")) {
        String trimmed = line.strip();
        if (depth == 0 && block == null && trimmed.matches("(var|const)\\s*\\(.*")) {
          block = trimmed.startsWith("var") ? "var" : "const";
          continue;
        }
        if (block != null && trimmed.startsWith(")")) {
          block = null;
          continue;
        }
        Matcher m = DECLARATION.matcher(line);
        boolean topLevel = depth == 0 && (block != null ? line.startsWith("\t") || line.startsWith(" ") : !line.startsWith("\t"));
        if (topLevel && m.find()) {
          String keyword = m.group(1) != null ? m.group(1) : block;
          if (keyword != null) {
            boolean isString = m.group(3).equals("string") || line.matches(".*=\\s*\"[^\"]*\".*");
            if (isString) {
              found.add(new Declaration(m.group(2), keyword.equals("const")));
            }
          }
        }
        depth += count(line, '{') - count(line, '}');
      }
    }
    return found;
  }

  private static int count(String line, char c) {
    int n = 0;
    for (int i = 0; i < line.length(); i++) {
      n += line.charAt(i) == c ? 1 : 0;
    }
    return n;
  }
}
