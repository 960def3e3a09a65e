package dev.crossbatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** git in tests: a fixed identity, and a failure that names the command. */
public final class TestGit {
  private TestGit() {}

  public static String git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("-c", "user.name=t", "-c", "user.email=t@example.com"));
    command.addAll(List.of(args));
    GitSource.Result result = GitSource.git(dir, command);
    assertThat(result.exit()).as("git %s: %s", String.join(" ", args), result.err()).isZero();
    return result.out().trim();
  }
}
