package dev.crossbatch.core.validate;

import dev.crossbatch.core.buildspec.BuildspecValidator;
import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.yaml.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/** The result of checking one file: a crossbatch config or a buildspec. */
public record FileCheck(String file, Kind kind, List<Diagnostic> diagnostics, String summary) {
  public enum Kind {
    CONFIG,
    BUILDSPEC
  }

  public boolean valid() {
    return valid(false);
  }

  /** Without errors, and with --strict without warnings either. */
  public boolean valid(boolean strict) {
    return diagnostics.stream().noneMatch(d -> d.isError() || strict);
  }

  /** Files named crossbatch.yml or crossbatch.yaml are configs; every other file is a buildspec. */
  public static Kind kindOf(Path file) {
    String name = file.getFileName().toString();
    return name.equals(ConfigLoader.FILE_NAME) || name.equals("crossbatch.yaml") ? Kind.CONFIG : Kind.BUILDSPEC;
  }

  public static FileCheck of(Path file, String displayName, Kind kind) {
    if (kind == Kind.BUILDSPEC) {
      BuildspecValidator.Result result = BuildspecValidator.check(file, displayName);
      return new FileCheck(displayName, kind, result.diagnostics(), result.summary());
    }
    ConfigLoader.Checked checked = ConfigLoader.check(file, displayName);
    ProjectConfig config = checked.config();
    if (config == null) {
      return new FileCheck(displayName, kind, checked.diagnostics(), null);
    }
    int n = config.platforms().size();
    return new FileCheck(displayName, kind, checked.diagnostics(),
          config.name() + " for " + n + (n == 1 ? " platform" : " platforms")
              + (config.skippedPlatforms().isEmpty() ? "" : " (skipping " + String.join(", ", config.skippedPlatforms()) + ": Go does not support them)")
              + ", batch-mode " + config.codebuild().batchMode().word());
  }
}
