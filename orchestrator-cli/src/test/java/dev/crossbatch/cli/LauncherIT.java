package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs after 'package': the repository launcher and the distribution zip, unpacked elsewhere, start the CLI. */
class LauncherIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void repositoryLauncher_runsTheBuiltCli() {
    Processes.Result run = Processes.run(ROOT, ROOT.resolve("crossbatch").toString(), "--version");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).startsWith("crossbatch ");
  }

  @Test
  void distributionZip_unpackedAnywhere_runsFromItsBinFolder(@TempDir Path tmp) throws Exception {
    Path zip;
    try (Stream<Path> files = Files.list(ROOT.resolve("orchestrator-cli/target"))) {
      zip = files.filter(p -> p.getFileName().toString().matches("crossbatch-.*\\.zip")).findFirst().orElseThrow();
    }
    Processes.ok(tmp, "unzip", "-q", zip.toString());
    Path bin;
    try (Stream<Path> dirs = Files.list(tmp)) {
      bin = dirs.findFirst().orElseThrow().resolve("bin/crossbatch");
    }
    Path link = tmp.resolve("on-path/crossbatch");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, bin);

    assertThat(Files.isExecutable(bin)).isTrue();
    assertThat(Processes.ok(tmp, link.toString(), "platforms", "--first-class", "--output", "text"))
        .isEqualTo("darwin/amd64\ndarwin/arm64\nlinux/386\nlinux/amd64\nlinux/arm\nlinux/arm64\nwindows/386\nwindows/amd64\n");
  }
}
