package dev.crossbatch.core.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.Golden;
import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.generate.Generation;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenGenerationTest {

  static List<String> cases() {
    return Golden.CASES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void render_goldenConfig_producesExactlyTheExpectedFiles(String name) throws Exception {
    ProjectConfig config = ConfigLoader.load(Golden.config(name), "crossbatch.yml").withSourceFolder(Golden.sourceFolder(name));
    List<GeneratedFile> files = Generation.render(config);

    if (Golden.updating()) {
      files.forEach(f -> Golden.write(Golden.expected(name, f.path()), f.content()));
    }
    try (var expected = Files.walk(Golden.ROOT.resolve(name).resolve("expected"))) {
      List<String> expectedPaths = expected.filter(Files::isRegularFile)
          .map(p -> Golden.ROOT.resolve(name).resolve("expected").relativize(p).toString())
          .sorted().collect(Collectors.toList());
      assertThat(files.stream().map(GeneratedFile::path).sorted()).containsExactlyElementsOf(expectedPaths);
    }
    for (GeneratedFile file : files) {
      assertThat(file.content()).as(file.path()).isEqualTo(Golden.read(Golden.expected(name, file.path())));
      if (file.path().startsWith("buildspecs/")) {
        // what crossbatch writes passes validate --strict: not a warning either
        assertThat(BuildspecValidator.check(file.content(), file.path()).diagnostics()).as(file.path()).isEmpty();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void render_twice_givesTheSameBytes(String name) {
    ProjectConfig config = ConfigLoader.load(Golden.config(name), "crossbatch.yml").withSourceFolder(Golden.sourceFolder(name));
    assertThat(Generation.render(config)).isEqualTo(Generation.render(config));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void render_generatedBuildspecs_passTheValidatorWithoutWarnings(String name) {
    ProjectConfig config = ConfigLoader.load(Golden.config(name), "crossbatch.yml").withSourceFolder(Golden.sourceFolder(name));
    for (GeneratedFile file : BuildspecGenerator.generate(config)) {
      assertThat(BuildspecValidator.check(file.content(), file.path()).diagnostics()).as(file.path()).isEmpty();
    }
  }
}
