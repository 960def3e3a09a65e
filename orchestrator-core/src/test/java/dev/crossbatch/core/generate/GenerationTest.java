package dev.crossbatch.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.generate.Generation.FileResult;
import dev.crossbatch.core.generate.Generation.State;
import dev.crossbatch.core.yaml.InvalidFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationTest {
  @TempDir Path dir;

  private ProjectConfig config(String text) throws Exception {
    Path file = dir.resolve("crossbatch.yml");
    Files.writeString(file, text);
    return ConfigLoader.load(file, "crossbatch.yml");
  }

  @Test
  void write_thenWriteAgain_createsOnceThenLeavesFilesUnchanged() throws Exception {
    ProjectConfig config = config("name: hello\nplatforms: [linux/amd64]\n");

    assertThat(Generation.write(config)).containsExactly(
        new FileResult("buildspecs/buildspec.yml", State.CREATED),
        new FileResult("templates/codebuild-project.yml", State.CREATED));
    // a time no write made: if the file were written again, it would change
    java.nio.file.attribute.FileTime long_ago = java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2001-01-01T00:00:00Z"));
    Files.setLastModifiedTime(dir.resolve("buildspecs/buildspec.yml"), long_ago);
    assertThat(Generation.write(config)).extracting(FileResult::state).containsOnly(State.UNCHANGED);
    assertThat(Files.getLastModifiedTime(dir.resolve("buildspecs/buildspec.yml"))).isEqualTo(long_ago);
  }

  @Test
  void check_afterConfigChange_namesTheStaleFileAndWritesNothing() throws Exception {
    Generation.write(config("name: hello\nplatforms: [linux/amd64]\n"));
    String before = Files.readString(dir.resolve("buildspecs/buildspec.yml"));

    List<FileResult> results = Generation.check(config("name: hello\nplatforms: [linux/amd64, darwin/arm64]\n"));

    assertThat(results).containsExactly(
        new FileResult("buildspecs/buildspec.yml", State.STALE),
        new FileResult("templates/codebuild-project.yml", State.STALE));
    assertThat(Files.readString(dir.resolve("buildspecs/buildspec.yml"))).isEqualTo(before);
  }

  @Test
  void check_withoutGeneratedFiles_reportsThemMissing() throws Exception {
    assertThat(Generation.check(config("name: hello\nplatforms: [linux/amd64]\n")))
        .extracting(FileResult::state).containsOnly(State.MISSING);
    assertThat(dir.resolve("buildspecs")).doesNotExist();
  }

  @Test
  void write_customPresetProducingAnInvalidBuildspec_writesNoFileAtAll() throws Exception {
    Files.writeString(dir.resolve("bad-preset.yml"), "version: 0.2\nbatch: \"{{batch}}\"\nphases:\n  biuld:\n    commands: [make]\n");
    ProjectConfig config = config("name: hello\nplatforms: [linux/amd64]\npreset: bad-preset.yml\n");

    InvalidFileException e = catchThrowableOfType(InvalidFileException.class, () -> Generation.write(config));

    assertThat(e.getMessage()).isEqualTo("buildspecs/buildspec.yml (generated from preset bad-preset.yml):14:3: unknown key 'biuld' in 'phases'; did you mean 'build'?");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("crossbatch.yml", "bad-preset.yml");
    }
  }

  @Test
  void write_graphMode_alsoWritesTheTestBuildspec() throws Exception {
    ProjectConfig config = config("name: hello\nplatforms: [linux/amd64]\ncodebuild:\n  batch-mode: graph\n");

    assertThat(Generation.write(config)).extracting(FileResult::path)
        .containsExactly("buildspecs/buildspec.yml", "buildspecs/test.yml", "templates/codebuild-project.yml");
    assertThat(Files.readString(dir.resolve("buildspecs/test.yml"))).contains("      - go vet ./...\n      - go test ./...\n");
  }
}
