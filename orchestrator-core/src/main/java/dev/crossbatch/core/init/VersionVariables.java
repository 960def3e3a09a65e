package dev.crossbatch.core.init;

import dev.crossbatch.core.golang.GoDeclarations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a Go module keeps the version its binary prints, so that init writes {@code -X} flags that
 * set it: string variables named version/Version (and commit/Commit) in the main package or in a
 * version-like package (version, internal/version, pkg/version, internal/buildinfo, buildinfo).
 * {@code -X} sets package-level string variables only; a constant of that name is said, since
 * {@code -X} silently does nothing to it.
 */
final class VersionVariables {
  static final List<String> PACKAGES = List.of("version", "internal/version", "pkg/version", "internal/buildinfo", "buildinfo");
  /** The names a version or commit goes by. */
  private static final List<String> NAMES = List.of("version", "Version", "commit", "Commit");

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
          notes.add(decl.name() + " in " + (pkg.equals(main) ? "the main package (" + main + ")" : pkg)
              + " is a constant, which -X cannot set: make it a 'var' to have releases stamp it");
        } else {
          flags.putIfAbsent(placeholder, "-X " + importPath + "." + decl.name() + "=" + placeholder);
        }
      }
    }
    return new Found(List.copyOf(flags.values()), notes);
  }

  private record Declaration(String name, boolean constant) {}

  /** Package-level version/commit string declarations (variables and constants) of the folder's package, in file order. */
  private static List<Declaration> declarations(Path folder) {
    return GoDeclarations.of(folder).stream()
        .filter(d -> NAMES.contains(d.name()))
        .filter(d -> d.kind() == GoDeclarations.Kind.SETTABLE || d.kind() == GoDeclarations.Kind.CONSTANT)
        .map(d -> new Declaration(d.name(), d.kind() == GoDeclarations.Kind.CONSTANT))
        .toList();
  }
}
