package dev.crossbatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {
  private final Layout layout = new Layout(Path.of("/repo/tools/goawk"), "out");

  @Test
  void everyPlace_isUnderTheProjectFolder() {
    assertThat(layout.outputDir()).isEqualTo(Path.of("/repo/tools/goawk/out"));
    assertThat(layout.state()).isEqualTo(Path.of("/repo/tools/goawk/.crossbatch"));
    assertThat(layout.runnerLog()).isEqualTo(Path.of("/repo/tools/goawk/.crossbatch/runner.log"));
    assertThat(layout.codebuildMemory("hello-release")).isEqualTo(Path.of("/repo/tools/goawk/.crossbatch/codebuild/hello-release/last-batch"));
  }

  @Test
  void ownFiles_areWhatCrossbatchWrites_soTheyNeverMakeTheTreeDirty() {
    assertThat(layout.ownFiles()).containsExactly(".crossbatch", "out", "templates/codebuild-project.yml", "buildspecs/buildspec.yml");
    assertThat(layout.ownFiles(List.of())).containsExactly(".crossbatch", "out", "templates/codebuild-project.yml");
  }
}
