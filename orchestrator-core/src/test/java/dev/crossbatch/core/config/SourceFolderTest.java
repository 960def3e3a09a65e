package dev.crossbatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.yaml.InvalidFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where crossbatch.yml is in its repository: read from the file system, and refused when its name would reach a shell. */
class SourceFolderTest {
  @TempDir Path dir;

  private Path config(String folder) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Path app = Files.createDirectories(dir.resolve(folder));
    return Files.writeString(app.resolve("crossbatch.yml"), "name: hello\nplatforms: [linux/amd64]\n");
  }

  @Test
  void aConfigInASubfolder_knowsItsFolder_andOneAtTheRootHasNone() throws Exception {
    assertThat(ConfigLoader.load(config("tools/goawk"), "crossbatch.yml").sourceFolder()).isEqualTo("tools/goawk");
    assertThat(ConfigLoader.load(config("."), "crossbatch.yml").sourceFolder()).isEmpty();
    assertThat(ConfigLoader.load(config("tools/goawk"), "crossbatch.yml").fromRepositoryRoot("buildspecs/test.yml"))
        .isEqualTo("tools/goawk/buildspecs/test.yml");
  }

  @Test
  void aFolderNameThatWouldReachAShell_isRefused() throws Exception {
    Path file = config("tools/a$(id)");
    assertThatThrownBy(() -> ConfigLoader.load(file, "crossbatch.yml")).isInstanceOf(InvalidFileException.class)
        .hasMessageContaining("crossbatch.yml is in the folder 'tools/a$(id)' of its repository, a name the generated buildspec would hand to a shell");
  }
}
