package dev.crossbatch.core.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.yaml.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file under src/test/resources/invalid-buildspec breaks one or more of CodeBuild's buildspec
 * or batch rules; the validator must report exactly these findings, in file order.
 */
class BuildspecValidatorTest {
  static final Path CASES = Path.of("src/test/resources/invalid-buildspec");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("artifacts-without-files", List.of(
            "7:3: 'artifacts.files' is required: the paths or globs to upload, e.g. files: ['**/*']")),
        // the local runner makes each identifier a folder: one that climbs out never gets that far
        Arguments.of("secondary-artifact-identifier", List.of(
            "9:5: artifact identifier '../../escaped' must use only letters, digits and '_'")),
        Arguments.of("bad-on-failure", List.of(
            "4:17: 'phases.build.on-failure' must be ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>, found 'IGNORE'")),
        Arguments.of("bad-shell", List.of(
            "3:10: unknown shell 'zsh'; valid: bash, /bin/sh, powershell.exe, cmd.exe")),
        Arguments.of("commands-not-list", List.of(
            "4:15: 'phases.build.commands' must be a list, found a string 'make all'")),
        Arguments.of("compute-type-and-fleet", List.of(
            "7:9: 'batch.build-list[0].env.fleet' cannot be combined with compute-type in the same build; keep one")),
        Arguments.of("compute-type-unknown", List.of(
            "6:23: unknown compute type 'BUILD_GENERAL_LARGE' in 'batch.build-list[0].env.compute-type'; did you mean 'BUILD_GENERAL1_LARGE'?")),
        Arguments.of("depend-on-in-list", List.of(
            "6:7: 'depend-on' is only allowed in build-graph; use build-graph or remove it")),
        Arguments.of("depend-on-unknown", List.of(
            "6:19: 'test_unit' depends on 'compil', which is not an identifier in build-graph; did you mean 'compile'?")),
        Arguments.of("discard-paths-bad", List.of(
            "8:18: 'artifacts.discard-paths' must be true or false, found a string 'maybe'")),
        Arguments.of("duplicate-key", List.of(
            "5:3: duplicate key 'build' in 'phases' (first defined on line 3); remove one")),
        Arguments.of("exported-aws", List.of(
            "3:24: exported variable 'AWS_SECRET' starts with AWS_, which CodeBuild does not export; rename it")),
        Arguments.of("fanout-no-parallelism", List.of(
            "4:5: 'batch.build-fanout.parallelism' is required: how many builds to run")),
        Arguments.of("fast-fail-not-bool", List.of(
            "3:14: 'batch.fast-fail' must be true or false, found a string 'often'")),
        Arguments.of("graph-cycle", List.of(
            "4:19: build-graph has a cycle: a -> c -> b -> a; remove one of these depend-on entries")),
        Arguments.of("identifier-duplicate", List.of(
            "6:19: identifier 'linux_amd64' is used twice (first on line 4); identifiers must be unique")),
        Arguments.of("identifier-hyphen", List.of(
            "4:19: identifier 'linux-amd64' may contain only letters, digits and '_' (CodeBuild fails the whole batch otherwise); e.g. 'linux_amd64'")),
        Arguments.of("identifier-too-long", List.of(
            "4:19: identifier is 130 characters; CodeBuild needs fewer than 128")),
        Arguments.of("ignore-failure-not-bool", List.of(
            "5:23: 'batch.build-list[0].ignore-failure' must be true or false, found a string 'perhaps'")),
        Arguments.of("matrix-empty-axis", List.of(
            "7:17: 'batch.build-matrix.dynamic.env.variables.GOOS' is an empty axis; list at least one value or remove it")),
        Arguments.of("missing-identifier", List.of(
            "4:7: 'batch.build-list[0].identifier' is required (letters, digits and '_', e.g. linux_amd64)")),
        Arguments.of("missing-phases", List.of(
            "1:1: missing required key 'phases' (install, pre_build, build, post_build with their commands)")),
        Arguments.of("missing-version", List.of(
            "1:1: missing required key 'version'; start the file with 'version: 0.2'")),
        Arguments.of("no-batch-type", List.of(
            "3:3: 'batch' needs one of build-list, build-graph, build-matrix or build-fanout")),
        Arguments.of("not-a-mapping", List.of(
            "1:1: a buildspec must be a mapping with version:, phases: and so on, found a list")),
        Arguments.of("phase-without-commands", List.of(
            "4:5: 'phases.build' needs 'commands' (a list of shell commands)")),
        Arguments.of("reserved-variable", List.of(
            "4:5: 'CODEBUILD_FOO' in 'env.variables' is reserved: CodeBuild sets CODEBUILD_* variables itself; choose another name")),
        Arguments.of("runtime-versions-outside-install", List.of(
            "4:5: 'runtime-versions' is only allowed in the install phase; move it to phases.install")),
        Arguments.of("secondary-without-files", List.of(
            "10:7: 'artifacts.secondary-artifacts.extra.files' is required: the paths or globs to upload, e.g. files: ['**/*']")),
        Arguments.of("several", List.of(
            "1:10: 'version' must be the number 0.2, not the string \"0.2\"; remove the quotes (CodeBuild fails batch builds with a quoted version)",
            "4:19: identifier 'linux-amd64' may contain only letters, digits and '_' (CodeBuild fails the whole batch otherwise); e.g. 'linux_amd64'",
            "5:19: 'linux-amd64' depends on 'windows', which is not an identifier in build-graph; known: linux-amd64",
            "9:3: unknown key 'buld' in 'phases'; did you mean 'build'?")),
        Arguments.of("syntax-error", List.of(
            "6:6: invalid YAML: expected <block end>, but found '<block sequence start>' (while parsing a block mapping started at 4:5)")),
        Arguments.of("task-env-type", List.of(
            "6:15: unknown environment type 'LINUX_CONTAINR' in 'batch.build-list[0].env.type'; did you mean 'LINUX_CONTAINER'?")),
        Arguments.of("task-unknown-key", List.of(
            "4:7: 'batch.build-list[0].identifier' is required (letters, digits and '_', e.g. linux_amd64)",
            "4:7: warning: unknown key 'identifer' in 'batch.build-list[0]'; did you mean 'identifier'?")),
        Arguments.of("top-level-unknown-key-warning", List.of(
            "2:1: warning: unknown key 'batchh'; did you mean 'batch'?")),
        Arguments.of("two-batch-types", List.of(
            "5:3: 'batch' may hold only one batch type; found build-list and build-graph. Keep one")),
        Arguments.of("unknown-phase", List.of(
            "3:3: unknown key 'biuld' in 'phases'; did you mean 'build'?")),
        Arguments.of("version-string-batch", List.of(
            "1:10: 'version' must be the number 0.2, not the string \"0.2\"; remove the quotes (CodeBuild fails batch builds with a quoted version)")),
        Arguments.of("version-wrong", List.of(
            "1:10: 'version' must be 0.2, found 0.3")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void check_invalidBuildspec_reportsEveryProblemWithItsLocation(String name, List<String> expected) {
    BuildspecValidator.Result result = BuildspecValidator.check(CASES.resolve(name + ".yml"), name + ".yml");

    assertThat(result.diagnostics().stream().map(d -> d.line() + ":" + d.column() + ": " + (d.isError() ? "" : "warning: ") + d.message()))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void check_unknownTopLevelKey_isOnlyAWarningBecauseCodeBuildIgnoresIt() {
    BuildspecValidator.Result result = BuildspecValidator.check(CASES.resolve("top-level-unknown-key-warning.yml"), "b.yml");

    assertThat(result.valid()).isTrue();
    assertThat(result.diagnostics()).singleElement().satisfies(d -> assertThat(d.toString()).isEqualTo("b.yml:2:1: warning: unknown key 'batchh'; did you mean 'batch'?"));
  }

  @Test
  void check_referenceGraphExample_isValidWithThreeBuilds() {
    String text = """
        version: 0.2          # number, not "0.2"
        batch:
          fast-fail: false
          build-graph:
            - identifier: compile
              env:
                compute-type: BUILD_GENERAL1_MEDIUM
            - identifier: test_unit
              depend-on: [compile]
              env:
                variables: {SUITE: unit}
            - identifier: test_integ
              depend-on: [compile]
              ignore-failure: true
              buildspec: ci/integ-buildspec.yml
        phases:
          build:
            commands:
              - ./gradlew build -x test
        artifacts:
          files: ['build/libs/*.jar']
          name: $CODEBUILD_BATCH_BUILD_IDENTIFIER/app-$CODEBUILD_BUILD_NUMBER.zip
        """;

    BuildspecValidator.Result result = BuildspecValidator.check(text, "b.yml");

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.summary()).isEqualTo("build-graph with 3 builds");
  }

  @Test
  void check_matrix_countsTheCartesianProductOfItsAxes() {
    String text = """
        version: 0.2
        batch:
          build-matrix:
            static:
              ignore-failure: false
              env:
                privileged-mode: true
            dynamic:
              buildspec: [a.yml, b.yml]
              env:
                variables:
                  MY_VAR: [x, y, z]
        phases:
          build:
            commands: [make]
        """;

    assertThat(BuildspecValidator.check(text, "b.yml").summary()).isEqualTo("build-matrix with 6 builds");
  }

  @Test
  void check_fanoutAndSingleBuild_areValid() {
    String fanout = "version: 0.2\nbatch:\n  build-fanout:\n    parallelism: 5\nphases:\n  build:\n    commands: [make]\n";
    String single = "version: 0.2\nphases:\n  install:\n    runtime-versions:\n      golang: 1.22\n  build:\n    commands: [make]\n    finally: [echo done]\n    on-failure: RETRY-3\n";

    assertThat(BuildspecValidator.check(fanout, "f.yml").summary()).isEqualTo("build-fanout with 5 builds");
    BuildspecValidator.Result result = BuildspecValidator.check(single, "s.yml");
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.summary()).isEqualTo("single build (no batch section)");
  }

  @Test
  void check_yesNoFlagsAsYamlBooleansOrQuotedStrings_areAccepted() {
    String text = "version: 0.2\nphases:\n  build:\n    commands: [make]\nartifacts:\n  files: [a]\n  discard-paths: \"yes\"\n  enable-symlinks: no\n";

    assertThat(BuildspecValidator.check(text, "b.yml").diagnostics()).isEmpty();
  }

  @Test
  void check_quotedVersionWithoutBatch_isAWarningNotAnError() {
    String text = "version: \"0.2\"\nphases:\n  build:\n    commands: [make]\n";

    List<Diagnostic> found = BuildspecValidator.check(text, "b.yml").diagnostics();

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.isError()).isFalse();
      assertThat(d.toString()).isEqualTo("b.yml:1:10: warning: 'version' must be the number 0.2, not the string \"0.2\"; remove the quotes");
    });
  }
}
