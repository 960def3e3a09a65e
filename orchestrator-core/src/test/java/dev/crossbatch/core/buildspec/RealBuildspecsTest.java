package dev.crossbatch.core.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.yaml.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Buildspecs CodeBuild runs in production (src/test/resources/real-buildspecs, sources in its
 * README): each is valid, as CodeBuild accepts them, with exactly the warnings expected-warnings.txt lists. Batch-only buildspecs (no
 * phases, every task naming its own file) were refused before issue 13.
 */
class RealBuildspecsTest {
  static final Path DIR = Path.of("src/test/resources/real-buildspecs");

  static Stream<String> files() throws IOException {
    try (Stream<Path> walk = Files.walk(DIR)) {
      return walk.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).map(p -> DIR.relativize(p).toString()).sorted().toList().stream();
    }
  }

  /**
   * The warnings each file gets, one per line as validate prints them: all of the classes CodeBuild
   * accepts (docs/buildspec-rules.md), none an error. amplify-cli's files carry a top-level
   * env.compute-type, git-credential-helper under a task's env, and 38 tasks of its generated e2e
   * graph set "compute-type" as a variable, where it changes nothing.
   */
  static List<String> expectedWarnings(String file) throws IOException {
    return Files.readAllLines(DIR.resolve("expected-warnings.txt")).stream().filter(l -> l.startsWith(file + ":")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void aRealBuildspec_isValid_withOnlyTheWarningsCodeBuildWouldNotRefuse(String file) throws IOException {
    BuildspecValidator.Result result = BuildspecValidator.check(DIR.resolve(file), file);

    assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactlyElementsOf(expectedWarnings(file));
    assertThat(result.valid()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void thereAreTwentyOrMore_andTheBatchOnlyOnesCountTheirBuilds() throws IOException {
    List<String> files = files().toList();
    assertThat(files).hasSizeGreaterThanOrEqualTo(34);
    assertThat(BuildspecValidator.check(DIR.resolve("amplify-cli/e2e_workflow_generated.yml"), "x").summary()).isEqualTo("build-graph with 275 builds");
    assertThat(BuildspecValidator.check(DIR.resolve("aws-lc/github_ci_linux_x86_omnibus.yaml"), "x").summary()).isEqualTo("build-list with 60 builds");
    assertThat(BuildspecValidator.check(DIR.resolve("s2n-tls/buildspec_generalbatch.yml"), "x").summary()).isEqualTo("build-list with 31 builds");
  }
}
