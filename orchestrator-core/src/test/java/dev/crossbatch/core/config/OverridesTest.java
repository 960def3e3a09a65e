package dev.crossbatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.yaml.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overrides apply in order, a later one winning field by field; env merges. */
class OverridesTest {
  @TempDir Path dir;

  ProjectConfig load(String text) throws Exception {
    Path file = dir.resolve("crossbatch.yml");
    Files.writeString(file, text);
    return ConfigLoader.load(file, "crossbatch.yml");
  }

  @Test
  void matchingOverrides_applyInOrder_fieldByField() throws Exception {
    ProjectConfig config = load("""
        name: app
        platforms: [linux/amd64, linux/arm64, linux/arm/v7, windows/amd64]
        flags: [-trimpath]
        overrides:
          - platforms: [linux]
            env: {CC: gcc, CGO_ENABLED: "1"}
            flags: [-tags=linux]
          - platforms: [linux/arm]
            env: {CC: arm-linux-gnueabihf-gcc}
            codebuild: {compute-type: BUILD_GENERAL1_LARGE}
          - platforms: [linux/arm/v7, linux/arm64]
            codebuild: {type: ARM_CONTAINER}
        """);

    PlatformSettings armv7 = config.settings(new Platform("linux", "arm", "v7"));
    assertThat(armv7.env()).containsExactly(java.util.Map.entry("CC", "arm-linux-gnueabihf-gcc"), java.util.Map.entry("CGO_ENABLED", "1"));
    assertThat(armv7.codebuild()).isEqualTo(new PlatformOverride.TaskEnvironment(null, "BUILD_GENERAL1_LARGE", "ARM_CONTAINER", null));
    assertThat(armv7.flagsOf(config.builds().get(0))).containsExactly("-tags=linux");
    PlatformSettings windows = config.settings(Platform.of("windows", "amd64"));
    assertThat(windows.env()).isEmpty();
    assertThat(windows.flagsOf(config.builds().get(0))).containsExactly("-trimpath");
    assertThat(windows.ldflagsOf(config.builds().get(0))).isSameAs(config.builds().get(0).ldflags());
  }

  @Test
  void aWindowsBuildEnvironment_isAWarning_forTheBashCommandsOfTheBuildspec() throws Exception {
    Path file = dir.resolve("crossbatch.yml");
    Files.writeString(file, """
        name: app
        platforms: [windows/amd64]
        overrides:
          - platforms: [windows]
            codebuild: {type: WINDOWS_SERVER_2022_CONTAINER}
        """);

    ConfigLoader.Checked checked = ConfigLoader.check(file, "crossbatch.yml");

    assertThat(checked.config()).isNotNull();
    assertThat(checked.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "crossbatch.yml:5:23: warning: 'overrides[0].codebuild.type: WINDOWS_SERVER_2022_CONTAINER' runs PowerShell or cmd, and the generated"
            + " buildspec's commands are bash: cross-compile windows from a Linux image (the default) unless your preset is written for Windows");
  }
}
