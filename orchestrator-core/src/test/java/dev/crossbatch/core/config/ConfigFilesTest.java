package dev.crossbatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.error.CrossbatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
  @TempDir Path dir;

  @Test
  void nearest_fromASubfolder_isTheClosestConfigUpToTheRepositoryRoot() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo/.git")).getParent();
    Files.writeString(repo.resolve("crossbatch.yml"), "name: top\n");
    Path tools = Files.createDirectories(repo.resolve("tools"));
    Files.writeString(tools.resolve("crossbatch.yaml"), "name: tools\n");
    Path deep = Files.createDirectories(tools.resolve("cmd/gen"));
    Path elsewhere = Files.createDirectories(repo.resolve("cmd/app"));

    assertThat(ConfigFiles.nearest(deep)).contains(tools.resolve("crossbatch.yaml"));
    assertThat(ConfigFiles.nearest(elsewhere)).contains(repo.resolve("crossbatch.yml"));
    assertThat(ConfigFiles.nearest(repo)).contains(repo.resolve("crossbatch.yml"));
  }

  @Test
  void nearest_neverLooksAboveTheRepositoryRoot_norAboveTheStartOutsideOne() throws Exception {
    Files.writeString(dir.resolve("crossbatch.yml"), "name: stray\n");
    Path repo = Files.createDirectories(dir.resolve("repo/.git")).getParent();
    Path sub = Files.createDirectories(repo.resolve("sub"));
    Files.writeString(repo.resolve(".git/crossbatch.yml"), "name: not a folder of the tree\n");
    Path plain = Files.createDirectories(dir.resolve("plain/sub"));

    assertThat(ConfigFiles.nearest(sub)).isEmpty();
    assertThat(ConfigFiles.nearest(repo)).isEmpty();
    assertThat(ConfigFiles.nearest(plain)).isEmpty();
    assertThat(ConfigFiles.nearest(dir)).contains(dir.resolve("crossbatch.yml"));
  }

  @Test
  void nearest_aWorktreesGitFile_endsTheSearchAsAGitFolderDoes() throws Exception {
    Files.writeString(dir.resolve("crossbatch.yml"), "name: outer\n");
    Files.createDirectories(dir.resolve(".git"));
    Path worktree = Files.createDirectories(dir.resolve("wt"));
    Files.writeString(worktree.resolve(".git"), "gitdir: ../.git/worktrees/wt\n");

    assertThat(ConfigFiles.nearest(Files.createDirectories(worktree.resolve("a")))).isEmpty();
    assertThat(ConfigFiles.repositoryRoot(worktree.resolve("a"))).contains(worktree);
  }

  @Test
  void nearest_bothNamesInOneFolder_isAnErrorSayingWhatToDo() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("crossbatch.yml"), "name: a\n");
    Files.writeString(dir.resolve("crossbatch.yaml"), "name: b\n");

    assertThatThrownBy(() -> ConfigFiles.nearest(Files.createDirectories(dir.resolve("x"))))
        .isInstanceOf(CrossbatchException.class)
        .hasMessageContaining("both crossbatch.yml and crossbatch.yaml in " + dir);
  }
}
