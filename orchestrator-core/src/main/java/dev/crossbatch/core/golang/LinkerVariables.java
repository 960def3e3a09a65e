package dev.crossbatch.core.golang;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether each {@code -X importpath.name=value} of a build reaches a string variable the linker can
 * set, read from the module's source: the linker says nothing when it cannot, and the binary prints
 * a stale version. Packages outside the module (and its vendor folder) are not checked.
 */
public final class LinkerVariables {
  /** One -X that does nothing, and why, said for a person. */
  public record Problem(String target, String why) {}

  private LinkerVariables() {}

  /** The targets ({@code importpath.name}) of the {@code -X} flags among linker flag words. */
  public static List<String> targets(List<String> words) {
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String setting = word.equals("-X") || word.equals("--X") ? (i + 1 < words.size() ? words.get(++i) : null)
          : word.startsWith("-X=") ? word.substring(3) : null;
      if (setting != null && setting.contains("=")) {
        targets.add(setting.substring(0, setting.indexOf('=')));
      }
    }
    return targets;
  }

  /**
   * @param moduleDir the folder of go.mod
   * @param modulePath the module's path, when go.mod names one
   * @param mainFolder the main package's folder
   */
  public static List<Problem> check(List<String> targets, Path moduleDir, Optional<String> modulePath, Path mainFolder, String mainName) {
    List<Problem> problems = new ArrayList<>();
    for (String target : targets) {
      int dot = target.lastIndexOf('.');
      if (dot <= 0) {
        continue;
      }
      String pkg = target.substring(0, dot);
      String name = target.substring(dot + 1);
      Optional<Path> folder = folder(pkg, moduleDir, modulePath, mainFolder);
      if (folder.isEmpty()) {
        continue;
      }
      String where = pkg.equals("main") ? "the main package (" + mainName + ")" : pkg;
      if (!pkg.equals("main") && folder.get().equals(mainFolder.normalize())) {
        problems.add(new Problem(target, pkg + " is the main package, which the linker calls 'main': write -X main." + name));
        continue;
      }
      if (!GoDeclarations.isPackage(folder.get())) {
        problems.add(new Problem(target, pkg + " is not a package of this module (no Go files in " + moduleDir.relativize(folder.get()) + ")"));
        continue;
      }
      List<GoDeclarations.Declaration> found = GoDeclarations.of(folder.get()).stream().filter(d -> d.name().equals(name)).toList();
      if (found.isEmpty()) {
        problems.add(new Problem(target, where + " declares no package-level variable '" + name + "'"));
      } else if (found.stream().noneMatch(d -> d.kind() == GoDeclarations.Kind.SETTABLE)) {
        GoDeclarations.Declaration d = found.get(0);
        String at = " (" + d.file() + ":" + d.line() + ")";
        problems.add(new Problem(target, switch (d.kind()) {
          case CONSTANT -> "'" + name + "' in " + where + " is a constant" + at + ", which -X cannot set: make it a var";
          case NOT_STRING -> "'" + name + "' in " + where + " is not a string variable" + at + "; -X sets strings only";
          default -> "'" + name + "' in " + where + " is initialized by an expression" + at + ", which -X does not replace:"
              + " declare it 'var " + name + " string' or with a string literal";
        }));
      }
    }
    return problems;
  }

  private static Optional<Path> folder(String pkg, Path moduleDir, Optional<String> modulePath, Path mainFolder) {
    if (pkg.equals("main")) {
      return Optional.of(mainFolder);
    }
    if (modulePath.isPresent() && (pkg.equals(modulePath.get()) || pkg.startsWith(modulePath.get() + "/"))) {
      return Optional.of(moduleDir.resolve(pkg.substring(modulePath.get().length()).replaceFirst("^/", "")).normalize());
    }
    Path vendored = moduleDir.resolve("vendor").resolve(pkg).normalize();
    return vendored.startsWith(moduleDir.resolve("vendor")) && vendored.toFile().isDirectory() ? Optional.of(vendored) : Optional.empty();
  }
}
