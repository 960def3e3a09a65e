package dev.crossbatch.core.buildspec;

import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.config.ArchiveFormat;
import dev.crossbatch.core.config.ArchiveSettings;
import dev.crossbatch.core.config.BatchMode;
import dev.crossbatch.core.config.GoBuild;
import dev.crossbatch.core.config.PlatformSettings;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.platform.Variant;
import dev.crossbatch.core.text.PlaceholderTemplate;
import dev.crossbatch.core.text.QuotedWords;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The go preset's build commands: the binaries built into the archive's folder, then
 * the archive's other files copied there with their paths. The shell expands the file patterns, so
 * that CodeBuild and this machine select the same files; CodeBuild's packaging then takes the folder
 * as it is.
 */
final class ArchiveCommands {
  /** The folder each build fills with what its archive holds, relative to crossbatch.yml's folder. */
  static final String FOLDER = "dist/archive";

  /** Where a build that makes its own archive puts it, with its .sha256 beside it: what it uploads. */
  static final String RELEASE_FOLDER = "dist/release";

  /** When crossbatch did not start the batch (no SOURCE_DATE_EPOCH): 1980-01-01, the earliest time a zip holds. */
  static final String EPOCH = "${" + ArtifactName.SOURCE_DATE_EPOCH + ":-315532800}";

  /**
   * The executable's suffix, as {@code go env GOEXE} says it (".exe" for windows, else nothing),
   * without starting a go process in every build: the shell's own {@code test}.
   */
  static final String EXE = "$(test \"$GOOS\" != windows || echo .exe)";

  private ArchiveCommands() {}

  /**
   * The go build commands. Binaries whose command is the same on every platform but for its
   * {@code -o} and main package, and that go names as the binary (the main package's last path
   * element), share one {@code go build ... -o "dist/archive/" MAIN MAIN...}: one go process loads the
   * packages once and links the binaries side by side (cloudflare/cfssl's three, docs/decisions/0050).
   * Any other binary has its own {@code go build ... -o "dist/archive/NAME.exe" MAIN} ({@link #EXE}),
   * its own env in front; when overrides give some platforms other flags or ldflags, that command is
   * a {@code case} on the build's identifier, those platforms' line first and the binary's own line for
   * the rest, so that one buildspec serves every platform.
   */
  static List<String> goBuilds(ProjectConfig config, Collection<Variant> variants) {
    String subject = config.codebuild().batchMode() == BatchMode.MATRIX ? "${GOOS}_${GOARCH}" : "${CODEBUILD_BATCH_BUILD_IDENTIFIER}";
    List<String> commands = new ArrayList<>();
    // the binaries that share a go build, by its head; the head stands in commands where it goes
    Map<String, List<GoBuild>> together = new LinkedHashMap<>();
    for (GoBuild build : config.builds()) {
      String head = head(build, build.flags(), build.ldflags(), config.name(), variants);
      String own = head + output(build);
      Map<String, List<String>> platformsByLine = new LinkedHashMap<>();
      for (Platform platform : config.platforms()) {
        PlatformSettings settings = config.settings(platform);
        String line = head(build, settings.flagsOf(build), settings.ldflagsOf(build), config.name(), variants) + output(build);
        if (!line.equals(own)) {
          platformsByLine.computeIfAbsent(line, l -> new ArrayList<>()).add(platform.identifier());
        }
      }
      if (!platformsByLine.isEmpty()) {
        StringBuilder choice = new StringBuilder("case \"" + subject + "\" in");
        platformsByLine.forEach((line, identifiers) -> choice.append(' ').append(String.join("|", identifiers)).append(") ").append(line).append(" ;;"));
        commands.add(choice.append(" *) ").append(own).append(" ;; esac").toString());
      } else if (namedByGo(build)) {
        together.computeIfAbsent(head, h -> {
          commands.add(h);
          return new ArrayList<>();
        }).add(build);
      } else {
        commands.add(own);
      }
    }
    // a head never equals a whole command, which ends in its main package or in esac
    commands.replaceAll(command -> {
      List<GoBuild> builds = together.get(command);
      if (builds == null) {
        return command;
      }
      return builds.size() == 1 ? command + output(builds.get(0))
          : command + " -o \"" + FOLDER + "/\" " + String.join(" ", builds.stream().map(GoBuild::main).toList());
    });
    return commands;
  }

  /** The go command up to its {@code -o}: the build's env, flags and ldflags. */
  private static String head(GoBuild build, List<String> flags, PlaceholderTemplate ldflags, String name, Collection<Variant> variants) {
    StringBuilder line = new StringBuilder(envPrefix(build.env())).append("go build");
    flags.forEach(f -> line.append(' ').append(f));
    return line.append(" -ldflags \"").append(ldflags.render(p -> ArtifactName.shellValue(p, name, variants))).append('"').toString();
  }

  private static String output(GoBuild build) {
    return " -o \"" + FOLDER + "/" + build.binary() + EXE + "\" " + build.main();
  }

  /**
   * Whether {@code go build -o DIR/} names this binary's executable as the config does: after its
   * main package's last path element, unless that is a major version ({@code v2}), for which go
   * takes the element before it; such mains, and {@code .}, keep their own command.
   */
  static boolean namedByGo(GoBuild build) {
    String main = build.main();
    String last = main.substring(main.lastIndexOf('/') + 1);
    return main.contains("/") && !last.isEmpty() && !last.equals(".") && !last.matches("v[0-9]+") && last.equals(build.binary());
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

  /**
   * gzip's and zip's level, as crossbatch's own zips (decision 0040): on a real project's two
   * binaries (21 MB), level 5 took 30 % less time than the default 6 for a tar.gz 1 % larger and
   * still smaller than GoReleaser's (Go's level 9), docs/benchmarks.md.
   */
  static final int LEVEL = 5;

  /**
   * The commands of a build that makes its own archive (a tar.gz, a zip beside tar.gz ones, a bare
   * binary), when CodeBuild's packaging cannot: the archive in {@link #RELEASE_FOLDER}, the same
   * bytes for the same commit (sorted entries, the commit's time, modes 644/755, owner 0, no gzip
   * name or time), then its SHA-256 in NAME.sha256, which the collector checks the download
   * against: CodeBuild reports no checksum for unpackaged artifacts. Empty when CodeBuild zips every
   * platform's folder itself.
   */
  static List<String> pack(ProjectConfig config, Collection<Variant> variants) {
    ArchiveSettings archive = config.archive();
    if (archive.zippedByCodeBuild()) {
      return List.of();
    }
    String base = config.artifact().shellBaseName(config.name(), variants);
    Map<ArchiveFormat, List<String>> osesByFormat = new LinkedHashMap<>();
    config.platforms().stream().map(Platform::os).distinct()
        .forEach(os -> osesByFormat.computeIfAbsent(archive.formatOverrides().getOrDefault(os, archive.format()), f -> new ArrayList<>()).add(os));
    String packing;
    if (osesByFormat.size() == 1) {
      packing = packOne(osesByFormat.keySet().iterator().next(), base, config);
    } else {
      StringBuilder choice = new StringBuilder("case \"${GOOS}\" in");
      osesByFormat.forEach((format, oses) -> choice.append(' ').append(String.join("|", oses)).append(") ").append(packOne(format, base, config)).append(" ;;"));
      packing = choice.append(" esac").toString();
    }
    return List.of("mkdir -p " + RELEASE_FOLDER, packing,
        "(cd " + RELEASE_FOLDER + " && for f in *; do sha256sum -- \"$f\" > \"$f.sha256\"; done)");
  }

  private static String packOne(ArchiveFormat format, String base, ProjectConfig config) {
    String into = "\"../release/" + base;
    return switch (format) {
      case TAR_GZ -> "(set -o pipefail; cd " + FOLDER + " && shopt -s dotglob nullglob && tar --sort=name --format=gnu --owner=0 --group=0"
          + " --numeric-owner --mode=u+rw,go-w,a+rX --mtime=\"@" + EPOCH + "\" -cf - -- * | gzip -" + LEVEL + " -n > " + into + ".tar.gz\")";
      case ZIP -> "(set -o pipefail; cd " + FOLDER + " && chmod -R u+rw,go-w,a+rX . && find . -mindepth 1 -exec touch -h -d \"@" + EPOCH + "\" {} +"
          + " && find . -mindepth 1 ! -type d | LC_ALL=C sort | sed 's|^\\./||' | TZ=UTC zip -X -q -" + LEVEL + " -@ " + into + ".zip\")";
      case BINARY -> "cp \"" + FOLDER + "/" + config.builds().get(0).binary() + EXE + "\" \"" + RELEASE_FOLDER + "/" + base + EXE + "\"";
    };
  }

  /** What the artifacts section uploads: the archive folder, which CodeBuild zips, or the archive a build made. */
  static String uploadFolder(ProjectConfig config) {
    return config.archive().zippedByCodeBuild() ? FOLDER : RELEASE_FOLDER;
  }

  /** A build's own variables, set for its go build only: {@code CGO_ENABLED='1' CC='zig cc' }. */
  static String envPrefix(Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    env.forEach((k, v) -> out.append(k).append('=').append(QuotedWords.shellQuoted(v)).append(' '));
    return out.toString();
  }
}
