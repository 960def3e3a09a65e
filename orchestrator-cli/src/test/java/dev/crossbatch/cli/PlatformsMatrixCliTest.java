package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.Cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A matrix with darwin and 386: the pair Go does not support is left out, and said so where a user looks. */
class PlatformsMatrixCliTest {
  @TempDir Path dir;

  @Test
  void theSkippedPair_isInThePlan_theJson_validate_andVerbose_andOnlyTheOthersAreBuilt() {
    Path repo = Example.genericApp(dir.resolve("app"), "{os: [linux, darwin], arch: [amd64, 386]}",
        "mkdir -p out && printf 'hi %s\\n' \"$GOOS\" > out/app.txt");

    Run plan = Cli.run(repo, "release", "--dry-run");
    Run json = Cli.run(repo, "release", "--dry-run", "--output", "json");
    Run validate = Cli.run(repo, "validate");
    Run release = Cli.run(repo, "release", "--verbose");

    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).containsPattern("  linux_amd64   -> dist/app_linux_amd64_\\w+\\.zip\n  linux_386     -> \\S+\n  darwin_amd64  -> \\S+\n"
        + "skipping darwin/386 of the platforms matrix: Go does not support them\n");
    assertThat(json.out()).contains("\"builds\" : [ \"linux_amd64\", \"linux_386\", \"darwin_amd64\" ],\n    \"skipped\" : [ \"darwin/386\" ]");
    assertThat(validate.out()).contains("crossbatch.yml: valid config (app for 3 platforms (skipping darwin/386: Go does not support them), batch-mode list)");
    assertThat(release.exit()).as(release.err()).isZero();
    assertThat(release.err()).contains("crossbatch: note: skipping darwin/386 of the platforms matrix: Go does not support them\n");
    assertThat(repo.resolve("dist")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("app_linux_386_"))
        .isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("app_darwin_386_"));
  }
}
