package dev.crossbatch.core.local;

import static dev.crossbatch.core.source.TestGit.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

  @Test
  void theStateFolder_ignoresItself_soGitAddAllInAProjectWithoutAGitignoreLeavesItOut(@TempDir Path project) throws Exception {
    git(project, "init", "-q");
    Files.writeString(project.resolve("crossbatch.yml"), "name: hello\n");
    Path state = project.resolve(".crossbatch");
    // what a local batch leaves: a kept checkout (a repository of its own) and a log
    Files.createDirectories(state.resolve("checkouts/linux_amd64/.git"));
    Files.writeString(state.resolve("checkouts/linux_amd64/main.go"), "package main\n");
    Files.createDirectories(state.resolve("batches/b/logs"));
    Files.writeString(state.resolve("batches/b/logs/linux_amd64.log"), "ok\n");

    new StateStore(state).ignoredByGit();
    git(project, "add", "-A");

    assertThat(git(project, "diff", "--cached", "--name-only")).isEqualTo("crossbatch.yml");
  }

  @Test
  void aGitignoreTheUserEdited_isKept(@TempDir Path state) throws Exception {
    Files.writeString(state.resolve(".gitignore"), "batches/\n");

    new StateStore(state).ignoredByGit();

    assertThat(state.resolve(".gitignore")).hasContent("batches/");
  }
}
