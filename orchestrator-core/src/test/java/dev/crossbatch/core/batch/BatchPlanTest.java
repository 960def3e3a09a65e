package dev.crossbatch.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.buildspec.BuildspecReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a batch section expands to: the builds, their variables, and what they ask of the environment. */
class BatchPlanTest {
  static List<PlannedBuild> plan(String buildspec) {
    return BatchPlan.expand(BuildspecReader.read(buildspec, "buildspec.yml"));
  }

  @Test
  void matrix_isTheProductOfBuildspecImageComputeTypeAndVariableAxes_withTheStaticEnvironmentForEach() {
    List<PlannedBuild> builds = plan("""
        version: 0.2
        batch:
          build-matrix:
            static:
              ignore-failure: true
              env:
                type: ARM_CONTAINER
                compute-type: BUILD_GENERAL1_SMALL
            dynamic:
              buildspec: [ci/a.yml, ci/b.yml]
              env:
                image: [aws/codebuild/amazonlinux-aarch64-standard:3.0]
                compute-type: [BUILD_GENERAL1_LARGE, BUILD_GENERAL1_MEDIUM]
                variables:
                  OS: [linux, darwin]
        """);

    assertThat(builds).extracting(PlannedBuild::identifier).containsExactly(
        "a_amazonlinux_aarch64_standard_3_0_BUILD_GENERAL1_LARGE_linux", "a_amazonlinux_aarch64_standard_3_0_BUILD_GENERAL1_LARGE_darwin",
        "a_amazonlinux_aarch64_standard_3_0_BUILD_GENERAL1_MEDIUM_linux", "a_amazonlinux_aarch64_standard_3_0_BUILD_GENERAL1_MEDIUM_darwin",
        "b_amazonlinux_aarch64_standard_3_0_BUILD_GENERAL1_LARGE_linux", "b_amazonlinux_aarch64_standard_3_0_BUILD_GENERAL1_LARGE_darwin",
        "b_amazonlinux_aarch64_standard_3_0_BUILD_GENERAL1_MEDIUM_linux", "b_amazonlinux_aarch64_standard_3_0_BUILD_GENERAL1_MEDIUM_darwin");
    PlannedBuild first = builds.get(0);
    assertThat(first.buildspec()).isEqualTo("ci/a.yml");
    assertThat(first.ignoreFailure()).isTrue();
    assertThat(first.variables()).isEqualTo(Map.of("OS", "linux"));
    // the axis's compute type wins over the static one
    assertThat(first.environment()).isEqualTo(Map.of("type", "ARM_CONTAINER", "compute-type", "BUILD_GENERAL1_LARGE",
        "image", "aws/codebuild/amazonlinux-aarch64-standard:3.0"));
  }

  @Test
  void tasks_carryWhatTheirEnvAsksOfTheEnvironment_apartFromTheirVariables() {
    List<PlannedBuild> builds = plan("""
        version: 0.2
        batch:
          build-graph:
            - identifier: arm
              env:
                type: ARM_CONTAINER
                image: aws/codebuild/amazonlinux-aarch64-standard:3.0
                variables: {ARCH: arm64}
            - identifier: fleet
              depend-on: [arm]
              env:
                fleet: arn:aws:codebuild:us-east-1:111122223333:fleet/big
        phases:
          build:
            commands: [make]
        """);

    assertThat(builds.get(0).environment()).isEqualTo(Map.of("type", "ARM_CONTAINER", "image", "aws/codebuild/amazonlinux-aarch64-standard:3.0"));
    assertThat(builds.get(0).variables()).isEqualTo(Map.of("ARCH", "arm64"));
    assertThat(builds.get(1).environment()).isEqualTo(Map.of("fleet", "arn:aws:codebuild:us-east-1:111122223333:fleet/big"));
    assertThat(builds.get(1).dependsOn()).containsExactly("arm");
  }
}
