package dev.crossbatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.yaml.InvalidFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A platforms matrix as release engineers write it: with darwin, with pairs Go does not support, excluded or not. */
class PlatformsMatrixTest {
  private static ProjectConfig parse(String platforms) {
    return ConfigLoader.parse("name: hello\nplatforms:\n" + platforms, Path.of("/tmp/crossbatch.yml"), "crossbatch.yml");
  }

  @Test
  void pairsGoDoesNotSupport_areSkipped_andSaid() {
    ProjectConfig config = parse("  os: [linux, darwin, windows]\n  arch: [amd64, arm64, 386]\n");

    assertThat(config.platforms()).extracting(Platform::toString)
        .containsExactly("linux/amd64", "linux/arm64", "linux/386", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64", "windows/386");
    assertThat(config.skippedPlatforms()).containsExactly("darwin/386");
  }

  @Test
  void excludeAndInclude_mayNameAnyPair_evenOneGoDoesNotSupport() {
    ProjectConfig config = parse("  os: [linux, darwin]\n  arch: [amd64, 386]\n  exclude: [darwin/386, linux/386]\n  include: [freebsd/amd64]\n");

    assertThat(config.platforms()).extracting(Platform::toString).containsExactly("linux/amd64", "darwin/amd64", "freebsd/amd64");
    assertThat(config.skippedPlatforms()).containsExactly("darwin/386");
  }

  @Test
  void aMatrixOfOnlyUnsupportedPairs_leavesNothing_andSaysSo() {
    assertThatThrownBy(() -> parse("  os: [darwin]\n  arch: [386]\n")).isInstanceOf(InvalidFileException.class)
        .hasMessageContaining("'platforms' gives only pairs Go does not support (darwin/386); add an os or arch");
  }

  @Test
  void aListNamingAnUnsupportedPair_isStillAnError() {
    assertThatThrownBy(() -> parse("  - darwin/386\n")).isInstanceOf(InvalidFileException.class)
        .hasMessageContaining("unknown platform 'darwin/386'");
  }
}
