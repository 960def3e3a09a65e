package dev.crossbatch.core.golang;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.io.IoErrors;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What crossbatch needs from a go.mod: the module path and the go directive. */
public record GoModule(String path, String goVersion) {
  private static final Pattern MODULE = Pattern.compile("(?m)^\\s*module\\s+\"?([^\\s\"]+)\"?\\s*(//.*)?$");
  private static final Pattern GO = Pattern.compile("(?m)^\\s*go\\s+(1\\.[0-9]+)(\\.[0-9]+)?\\s*(//.*)?$");
  private static final int MAX_BYTES = 1 << 20;
  private static final Pattern MAJOR_SUFFIX = Pattern.compile("v[0-9]+");

  /** Reads {@code dir/go.mod}; empty when there is none. */
  public static Optional<GoModule> read(Path dir) {
    Path file = dir.resolve("go.mod");
    String text;
    try {
      text = BoundedFiles.readString(file, MAX_BYTES);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw CrossbatchException.usage("cannot read " + file + ": " + IoErrors.reason(e), "go.mod must be a readable file of at most 1 MiB");
    }
    Matcher module = MODULE.matcher(text);
    if (!module.find()) {
      throw CrossbatchException.usage(file + " has no 'module' line", "fix go.mod (go mod init MODULE), or pass --name");
    }
    Matcher go = GO.matcher(text);
    return Optional.of(new GoModule(module.group(1), go.find() ? go.group(1) : null));
  }

  /** The binary name Go gives the module: its last path element, skipping a /vN major suffix. */
  public String binaryName() {
    String[] parts = path.split("/");
    String last = parts[parts.length - 1];
    if (parts.length > 1 && MAJOR_SUFFIX.matcher(last).matches()) {
      last = parts[parts.length - 2];
    }
    return last;
  }
}
