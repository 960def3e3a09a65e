package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation commands on a copy of examples/hello-go in a git repository of its own, as a new user runs them. */
class EndToEndTest {

  @Test
  void copyOfTheExample_inItsOwnRepository_validatesAndIsCurrent(@TempDir Path tmp) {
    Path repo = Example.copyTo(tmp.resolve("hello"));
    Example.commitAll(repo);

    assertThat(Cli.run(repo, "validate").exit()).isZero();
    assertThat(Cli.run(repo, "generate", "--check").exit()).isZero();
    assertThat(Cli.run(repo, "generate").out()).isEqualTo("unchanged buildspecs/buildspec.yml\nunchanged templates/codebuild-project.yml\n");
    assertThat(Processes.ok(repo, "git", "status", "--porcelain")).as("generate leaves a clean tree").isEmpty();
  }

  @Test
  void freshGoModule_initGenerateValidate_likeTheExample(@TempDir Path tmp) throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("hello"));
    Files.copy(Example.DIR.resolve("go.mod"), repo.resolve("go.mod"));
    Files.copy(Example.DIR.resolve("main.go"), repo.resolve("main.go"));
    Example.commitAll(repo);

    Run init = Cli.run(repo, "init");
    Run generate = Cli.run(repo, "generate");
    Run validate = Cli.run(repo, "validate");
    Run check = Cli.run(repo, "generate", "--check");

    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(generate.exit()).as(generate.err()).isZero();
    assertThat(validate.out()).isEqualTo("crossbatch.yml: valid config (hello for 6 platforms, batch-mode list)\n"
        + "buildspecs/buildspec.yml: valid buildspec (build-list with 6 builds)\n");
    assertThat(check.exit()).isZero();
    assertThat(Processes.ok(repo, "git", "status", "--porcelain", "--untracked-files=all"))
        .isEqualTo("?? .gitignore\n?? buildspecs/buildspec.yml\n?? crossbatch.yml\n?? templates/codebuild-project.yml\n");
    // the example differs only in the Go runtime it asks CodeBuild for (its go.mod says 1.19, which CodeBuild lacks: init writes 1.20)
    assertThat(Files.readString(repo.resolve("crossbatch.yml")).replace("go: \"1.20\"", "go: \"1.22\""))
        .isEqualTo(Files.readString(Example.DIR.resolve("crossbatch.yml")));
  }
}
