package dev.crossbatch.core.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.yaml.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * What CodeBuild accepts, though it is probably a mistake or has no effect, is a warning, never an
 * error (docs/buildspec-rules.md): the classes real buildspecs were wrongly refused for.
 */
class ToleratedKeysTest {
  static BuildspecValidator.Result check(String text) {
    return BuildspecValidator.check(text, "b.yml");
  }

  @Test
  void keysCodeBuildTolerates_areWarnings_andTheBuildspecStaysValid() {
    BuildspecValidator.Result result = check("""
        version: 0.2
        env:
          compute-type: BUILD_GENERAL1_LARGE
        batch:
          build-list:
            - identifier: linux
              buildspec: ci/linux.yml
              env:
                git-credential-helper: yes
                MY_FLAG: on
                variables:
                  AWS-LC-TARGET: x86
            - identifier: self
        """);

    assertThat(result.valid()).isTrue();
    assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "b.yml:1:1: warning: no 'phases', yet build 'self' runs this file and so no commands; give it a 'buildspec:' of its own or add phases",
        "b.yml:3:3: warning: 'env.compute-type' has no effect in a buildspec's env (CodeBuild accepts it): a build's compute type is the"
            + " project's, or a batch task's 'env.compute-type'",
        "b.yml:9:9: warning: unknown key 'git-credential-helper' in 'batch.build-list[0].env'; known keys: compute-type, fleet, image, type,"
            + " privileged-mode, variables",
        "b.yml:10:9: warning: unknown key 'MY_FLAG' in 'batch.build-list[0].env'; known keys: compute-type, fleet, image, type, privileged-mode,"
            + " variables",
        "b.yml:12:11: warning: 'AWS-LC-TARGET' in 'batch.build-list[0].env.variables' is not a name a shell can read ($AWS-LC-TARGET does not"
            + " work); tools that read the environment themselves still see it. Use letters, digits and '_'");
  }

  @Test
  void unknownKeysUnderBatch_areWarnings_withTheNearestKnownOne() {
    BuildspecValidator.Result result = check("""
        version: 0.2
        batch:
          fastfail: true
          combine-artifacts: true
          build-fanout:
            parallelism: 2
        phases:
          build:
            commands: [make]
        """);

    assertThat(result.valid()).isTrue();
    assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "b.yml:3:3: warning: unknown key 'fastfail' in 'batch'; did you mean 'fast-fail'?",
        "b.yml:4:3: warning: unknown key 'combine-artifacts' in 'batch'; known keys: fast-fail, build-list, build-graph, build-matrix, build-fanout");
  }

  @Test
  void matrixShapesTheDocsLeaveOpen_areWarnings() {
    BuildspecValidator.Result result = check("""
        version: 0.2
        batch:
          build-matrix:
            static:
              env:
                variables: {MODE: release}
            dynamic:
              buildspec: [ci/a.yml, ci/b.yml]
              env:
                compute-type: BUILD_GENERAL1_MEDIUM
                image: [aws/codebuild/standard:7.0, aws/codebuild/amazonlinux-x86_64-standard:5.0]
        """);

    assertThat(result.valid()).isTrue();
    assertThat(result.summary()).isEqualTo("build-matrix with 4 builds");
    assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "b.yml:6:9: warning: unknown key 'variables' in 'batch.build-matrix.static.env'; known keys: compute-type, fleet, image, type,"
            + " privileged-mode",
        "b.yml:10:23: warning: 'batch.build-matrix.dynamic.env.compute-type' is an axis, a list of compute types; write [BUILD_GENERAL1_MEDIUM]");
  }

  @Test
  void whatCodeBuildRefuses_staysAnError() {
    BuildspecValidator.Result noPhases = check("version: 0.2\nenv:\n  variables: {A: b}\n");
    BuildspecValidator.Result badIdentifier = check("""
        version: 0.2
        batch:
          build-list:
            - identifier: linux-amd64
              buildspec: ci/linux.yml
        """);

    assertThat(noPhases.valid()).isFalse();
    assertThat(badIdentifier.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "b.yml:4:19: identifier 'linux-amd64' may contain only letters, digits and '_' (CodeBuild fails the whole batch otherwise); e.g. 'linux_amd64'");
  }
}
