package dev.crossbatch.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.io.OutputLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanOutputTest {
  @TempDir Path dir;

  @Test
  void empty_removesFilesFoldersAndLinks_neverWhatALinkPointsTo_andKeepsTheLock() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve("crossbatch.yml"), "name: app\nplatforms: [linux/amd64]\n");
    Path dist = Files.createDirectories(repo.resolve("dist"));
    Files.writeString(dist.resolve("app_linux_amd64_1111111.zip"), "old");
    Files.createDirectories(dist.resolve("linux_amd64/deep"));
    Files.writeString(dist.resolve("linux_amd64/deep/app"), "binary");
    Path precious = Files.createDirectories(dir.resolve("precious"));
    Files.writeString(precious.resolve("keep.txt"), "mine");
    Files.createSymbolicLink(dist.resolve("link-to-folder"), precious);
    Files.createSymbolicLink(dist.resolve("link-to-file"), precious.resolve("keep.txt"));
    Files.writeString(dist.resolve(OutputLock.FILE), "");
    ProjectConfig config = ConfigLoader.load(repo.resolve("crossbatch.yml"), "crossbatch.yml");

    int removed = CleanOutput.empty(config);

    assertThat(removed).isEqualTo(4);
    try (var left = Files.list(dist)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly(OutputLock.FILE);
    }
    assertThat(precious.resolve("keep.txt")).hasContent("mine");
    assertThat(dist.resolve("link-to-folder")).doesNotExist();
    assertThat(Files.exists(dist.resolve("link-to-file"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void empty_ofAFolderThatIsNotThere_isNothingToDo() throws Exception {
    Files.writeString(dir.resolve("crossbatch.yml"), "name: app\nplatforms: [linux/amd64]\n");

    assertThat(CleanOutput.empty(ConfigLoader.load(dir.resolve("crossbatch.yml"), "crossbatch.yml"))).isZero();
  }
}
