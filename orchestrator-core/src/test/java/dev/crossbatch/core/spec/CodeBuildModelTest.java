package dev.crossbatch.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeBuildModelTest {
  @Test
  void golangRuntime_isTheVersionsOwnLine_orTheNearestNewer_orNone() {
    assertThat(CodeBuildModel.golangRuntime("1.22")).contains("1.22");
    assertThat(CodeBuildModel.golangRuntime("1.22.3")).contains("1.22");
    assertThat(CodeBuildModel.golangRuntime("1.18")).contains("1.20");
    assertThat(CodeBuildModel.golangRuntime("1.27")).isEmpty();
    assertThat(CodeBuildModel.golangRuntime("latest")).isEmpty();
  }

  @Test
  void offersGolang_acceptsLinesTheirPatches_1x_andLatest_only() {
    assertThat(CodeBuildModel.offersGolang("1.22")).isTrue();
    assertThat(CodeBuildModel.offersGolang("1.22.3")).isTrue();
    assertThat(CodeBuildModel.offersGolang("1.x")).isTrue();
    assertThat(CodeBuildModel.offersGolang("latest")).isTrue();
    assertThat(CodeBuildModel.offersGolang("1.18")).isFalse();
    assertThat(CodeBuildModel.offersGolang("1.27")).isFalse();
  }
}
