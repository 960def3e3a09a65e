package dev.crossbatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.testing.Imports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The house rules that keep core reusable: it never prints, never reads the environment, knows no CLI and no SDK outside aws/. */
class ArchitectureTest {
  static final Path MAIN = Path.of("src/main/java/dev/crossbatch/core");

  private static List<String> violations(String forbidden, String exceptUnder) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (exceptUnder != null && file.startsWith(MAIN.resolve(exceptUnder))) {
          continue;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).contains(forbidden)) {
            found.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    return found;
  }

  @Test
  void core_neverPrints() throws IOException {
    assertThat(violations("System.out", null)).isEmpty();
    assertThat(violations("System.err", null)).isEmpty();
    assertThat(violations("printStackTrace", null)).isEmpty();
  }

  @Test
  void core_neverReadsTheEnvironmentOrExits() throws IOException {
    assertThat(violations("System.getenv", null)).isEmpty();
    assertThat(violations("System.exit", null)).isEmpty();
  }

  @Test
  void core_knowsNoCli_andOnlyAwsKnowsTheSdk() throws IOException {
    assertThat(violations("import picocli", null)).isEmpty();
    assertThat(violations("import software.amazon.awssdk", "aws")).isEmpty();
  }

  @Test
  void corePackages_useEachOtherInOneDirection_noCycles() {
    assertThat(Imports.of(MAIN).cycles()).isEmpty();
  }

  @Test
  void adapters_areUsedByNoDomainPackage() {
    Imports imports = Imports.of(MAIN);
    for (String domain : List.of("batch", "artifact", "config", "platform", "buildspec", "yaml", "io", "text", "time", "source", "spec")) {
      assertThat(imports.graph().getOrDefault("dev.crossbatch.core." + domain, java.util.Set.of()))
          .as("what dev.crossbatch.core.%s uses", domain)
          .doesNotContain("dev.crossbatch.core.aws", "dev.crossbatch.core.local");
    }
  }

  @Test
  void logic_readsStatusesAsTheEnum_neverAsTheWordSent() throws IOException {
    for (String status : List.of("PENDING", "IN_PROGRESS", "SUCCEEDED", "FAILED", "FAULT", "TIMED_OUT", "STOPPED")) {
      assertThat(violations("\"" + status + "\".equals(", null)).isEmpty();
      assertThat(violations(".equals(\"" + status + "\")", null)).isEmpty();
    }
  }

  @Test
  void theCycleFinder_findsACycle_andTheCodeReaderSkipsCommentsAndStrings() {
    assertThat(Imports.cycles(java.util.Map.of("a", java.util.Set.of("b"), "b", java.util.Set.of("c"), "c", java.util.Set.of("a"), "d", java.util.Set.of("a"))))
        .containsExactly(java.util.Set.of("a", "b", "c"));
    assertThat(Imports.cycles(java.util.Map.of("a", java.util.Set.of("b"), "b", java.util.Set.of()))).isEmpty();
    assertThat(Imports.code("x = \"dev.crossbatch.cli.Main\"; // dev.crossbatch.cli.Main\n/** {@link dev.crossbatch.cli.Main} */ char c = '\"';"))
        .doesNotContain("dev.crossbatch");
  }

  /** Files allowed past 300 lines, each with the decision page that says why; none today. */
  static final java.util.Map<String, String> LONG_FILES = java.util.Map.of();

  @Test
  void noMainFile_isOver300Lines_unlessADecisionSaysWhy() throws IOException {
    assertThat(Imports.longerThan(MAIN, 300)).as("files over 300 lines (docs/architecture.md)").allMatch(LONG_FILES::containsKey);
  }

  @Test
  void rulesCanFail_theScannerFindsWhatIsThere() throws IOException {
    assertThat(violations("package dev.crossbatch.core.", null)).isNotEmpty();
  }
}
