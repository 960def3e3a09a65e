package dev.crossbatch.core.buildspec;

import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.config.ArchiveSettings;
import dev.crossbatch.core.config.BatchMode;
import dev.crossbatch.core.config.GoBuild;
import dev.crossbatch.core.config.PlatformSettings;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.platform.Variant;
import dev.crossbatch.core.text.PlaceholderTemplate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The go preset's build commands: one {@code go build} per binary into the archive's folder, then
 * the archive's other files copied there with their paths. The shell expands the file patterns, so
 * that CodeBuild and this machine select the same files; CodeBuild's packaging then takes the folder
 * as it is.
 */
final class ArchiveCommands {
  /** The folder each build fills with what its archive holds, relative to crossbatch.yml's folder. */
  static final String FOLDER = "dist/archive";

  private ArchiveCommands() {}

  /**
   * One command per binary: {@code go build ... -o "dist/archive/NAME$(go env GOEXE)" MAIN}, its own
   * env in front. When overrides give some platforms other flags or ldflags, the command is a
   * {@code case} on the build's identifier, those platforms' line first and the binary's own line
   * for the rest, so that one buildspec serves every platform.
   */
  static List<String> goBuilds(ProjectConfig config, Collection<Variant> variants) {
    List<String> commands = new ArrayList<>();
    String subject = config.codebuild().batchMode() == BatchMode.MATRIX ? "${GOOS}_${GOARCH}" : "${CODEBUILD_BATCH_BUILD_IDENTIFIER}";
    for (GoBuild build : config.builds()) {
      String own = goBuild(build, build.flags(), build.ldflags(), config.name(), variants);
      Map<String, List<String>> platformsByLine = new LinkedHashMap<>();
      for (Platform platform : config.platforms()) {
        PlatformSettings settings = config.settings(platform);
        String line = goBuild(build, settings.flagsOf(build), settings.ldflagsOf(build), config.name(), variants);
        if (!line.equals(own)) {
          platformsByLine.computeIfAbsent(line, l -> new ArrayList<>()).add(platform.identifier());
        }
      }
      if (platformsByLine.isEmpty()) {
        commands.add(own);
        continue;
      }
      StringBuilder choice = new StringBuilder("case \"" + subject + "\" in");
      platformsByLine.forEach((line, identifiers) -> choice.append(' ').append(String.join("|", identifiers)).append(") ").append(line).append(" ;;"));
      commands.add(choice.append(" *) ").append(own).append(" ;; esac").toString());
    }
    return commands;
  }

  private static String goBuild(GoBuild build, List<String> flags, PlaceholderTemplate ldflags, String name, Collection<Variant> variants) {
    StringBuilder line = new StringBuilder(envPrefix(build.env())).append("go build");
    flags.forEach(f -> line.append(' ').append(f));
    line.append(" -ldflags \"").append(ldflags.render(p -> ArtifactName.shellValue(p, name, variants))).append('"');
    line.append(" -o \"").append(FOLDER).append('/').append(build.binary()).append("$(go env GOEXE)\" ").append(build.main());
    return line.toString();
  }

  /**
   * One command copying the archive's files into its folder, paths kept (a tar pipe, which GNU and
   * BSD tar both read). Patterns are checked to hold no blanks, quotes, {@code $} or {@code \}, so
   * double quotes keep them as written and the loop's unquoted
   * {@code $pattern} expands them and nothing else; {@code ./} in front keeps a file named like an
   * option from reaching tar as one. A listed pattern that matches nothing (no first file: nullglob
   * drops a wildcard without match, a plain name stays as written) fails the build, naming it; the
   * default patterns may match nothing.
   */
  static List<String> copyFiles(ArchiveSettings archive) {
    if (archive.files().isEmpty()) {
      return List.of();
    }
    String patterns = String.join(" ", archive.files().stream().map(p -> "\"" + p + "\"").toList());
    String none = archive.required()
        ? "echo \"archive.files: no file matches $pattern\" >&2; exit 1"
        : "continue";
    return List.of("(set -o pipefail; shopt -s globstar nullglob; for pattern in " + patterns + "; do set -- ./$pattern;"
        + " if [ ! -e \"${1-}\" ]; then " + none + "; fi; tar -cf - \"$@\" | tar -xf - -C " + FOLDER + "; done)");
  }

  /** A POSIX shell word holding {@code text} exactly. */
  static String singleQuoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /** A build's own variables, set for its go build only: {@code CGO_ENABLED='1' CC='zig cc' }. */
  static String envPrefix(Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    env.forEach((k, v) -> out.append(k).append('=').append(singleQuoted(v)).append(' '));
    return out.toString();
  }
}
