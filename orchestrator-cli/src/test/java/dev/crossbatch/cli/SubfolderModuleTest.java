package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * crossbatch.yml in a subfolder of its repository (tools/app): every build starts at the
 * repository's root, as on CodeBuild, and enters the folder; the generated buildspec and template
 * say so, so local and CodeBuild builds cannot disagree.
 */
class SubfolderModuleTest {
  @TempDir Path dir;

  @Test
  void aConfigInASubfolder_buildsThere_locallyAsOnCodeBuild_andTheGeneratedFilesCarryTheFolder() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path app = Files.createDirectories(repo.resolve("tools/app"));
    Files.writeString(repo.resolve("README"), "the repository's root\n");
    Files.writeString(app.resolve("crossbatch.yml"), """
        name: app
        preset: generic
        platforms: [linux/amd64, linux/arm64]
        build:
          commands:
            - mkdir -p out && pwd > out/where.txt && test -f ../../README
          output: out
        test: [test -f crossbatch.yml]
        codebuild:
          project: app-release
          batch-mode: graph
        """);
    Files.writeString(repo.resolve(".gitignore"), "dist/\n.crossbatch/\n");
    Example.commitAll(repo);

    Run release = Cli.run(app, "release", "--local");

    assertThat(release.exit()).as(release.out() + release.err()).isZero();
    String buildspec = Files.readString(app.resolve("buildspecs/buildspec.yml"));
    assertThat(buildspec).contains("- cd \"${CODEBUILD_SRC_DIR}/tools/app\"\n", "base-directory: tools/app", "buildspec: tools/app/buildspecs/test.yml");
    assertThat(Files.readString(app.resolve("buildspecs/test.yml"))).contains("- cd \"${CODEBUILD_SRC_DIR}/tools/app\"\n");
    assertThat(Files.readString(app.resolve("templates/codebuild-project.yml"))).contains("BuildSpec: tools/app/buildspecs/buildspec.yml\n");
    Path zip;
    try (var files = Files.list(app.resolve("dist"))) {
      zip = files.filter(p -> p.getFileName().toString().startsWith("app_linux_amd64_") && p.toString().endsWith(".zip")).findFirst().orElseThrow();
    }
    try (ZipFile z = new ZipFile(zip.toFile())) {
      String where = new String(z.getInputStream(z.getEntry("where.txt")).readAllBytes()).trim();
      assertThat(where).endsWith("/src/tools/app");
    }
  }
}
