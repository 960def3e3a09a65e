package dev.crossbatch.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The golden cases under src/test/resources/golden: each folder holds a crossbatch.yml and, under
 * expected/, the exact files generation must produce. Run with -Dgolden.update=true to rewrite the
 * expected files after an intended change, then review the diff.
 */
public final class Golden {
  public static final Path ROOT = Path.of("src/test/resources/golden");
  public static final List<String> CASES =
      List.of("list-six", "matrix", "graph", "variants", "generic", "custom-preset", "minimal", "subfolder", "builds", "overrides", "tar-gz", "binary", "together");

  private Golden() {}

  public static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  /** Where the case's crossbatch.yml is taken to be in its repository: tools/goawk for "subfolder", else the root. */
  public static String sourceFolder(String name) {
    return name.equals("subfolder") ? "tools/goawk" : "";
  }

  public static Path config(String name) {
    return ROOT.resolve(name).resolve("crossbatch.yml");
  }

  public static Path expected(String name, String file) {
    return ROOT.resolve(name).resolve("expected").resolve(file);
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError("missing golden file " + file + " (run with -Dgolden.update=true to create it)", e);
    }
  }

  public static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
