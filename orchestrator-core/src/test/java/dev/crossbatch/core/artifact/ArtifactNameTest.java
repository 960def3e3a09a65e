package dev.crossbatch.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.platform.AllPlatforms;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.platform.Variant;
import dev.crossbatch.core.spec.CodeBuildModel;
import dev.crossbatch.core.text.PlaceholderTemplate.TemplateException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArtifactNameTest {
  static final String SHA = "3f9c2e1a0b4d5c6e7f8091a2b3c4d5e6f7081920";

  @Test
  void fileName_defaultTemplate_followsTheRecipe() {
    ArtifactName name = ArtifactName.defaultName();

    assertThat(name.fileName("hello", Platform.of("linux", "amd64"), SHA, "v1.0.0", ".zip")).isEqualTo("hello_linux_amd64_3f9c2e1.zip");
    assertThat(name.fileName("hello", new Platform("linux", "arm", "v7"), SHA, "v1.0.0", ".zip")).isEqualTo("hello_linux_armv7_3f9c2e1.zip");
  }

  @Test
  void shellExpression_defaultTemplate_takesTheFirstSevenCharactersOfTheResolvedCommit() {
    assertThat(ArtifactName.defaultName().shellExpression("hello", List.of()))
        .isEqualTo("hello_${GOOS}_${GOARCH}_$(echo ${CODEBUILD_RESOLVED_SOURCE_VERSION} | cut -c 1-7).zip");
  }

  @Test
  void shellExpression_evaluatedByARealShell_givesTheSameNameAsFileName() throws Exception {
    ArtifactName name = ArtifactName.defaultName();
    for (Platform p : List.of(Platform.of("windows", "arm64"), new Platform("linux", "arm", "v6"), new Platform("linux", "amd64", "v3"))) {
      ProcessBuilder sh = new ProcessBuilder("sh", "-c", "echo " + name.shellExpression("hello", List.of(Variant.ARM, Variant.AMD64)));
      sh.environment().clear();
      sh.environment().putAll(p.goEnv());
      sh.environment().put("CODEBUILD_RESOLVED_SOURCE_VERSION", SHA);
      Process process = sh.start();
      String printed = new String(process.getInputStream().readAllBytes()).trim();

      assertThat(process.waitFor()).isZero();
      assertThat(printed).isEqualTo(name.fileName("hello", p, SHA, "", ".zip"));
    }
  }

  @Test
  void match_parsesNamesBack_andIgnoresNamesThatDoNotFollowTheRule() {
    ArtifactName name = ArtifactName.defaultName();

    assertThat(name.match("hello_linux_amd64_3f9c2e1.zip"))
        .contains(new ArtifactName.Parsed("hello", Platform.of("linux", "amd64"), "3f9c2e1", ""));
    assertThat(name.match("my_tool_linux_armv7_3f9c2e1.zip"))
        .contains(new ArtifactName.Parsed("my_tool", new Platform("linux", "arm", "v7"), "3f9c2e1", ""));
    assertThat(name.match("hello_linux_amd64_3f9c2e1.tar.gz")).as("an archive a build made").isPresent();
    assertThat(name.match("hello_windows_amd64_3f9c2e1.exe")).as("a bare binary").isPresent();
    assertThat(name.match("hello_linux_amd64_3f9c2e1.tar.gz.sha256")).as("its checksum").isEmpty();
    assertThat(name.match("hello_linux_amd64_3f9c2e1.tar.xz")).isEmpty();
    assertThat(name.match("hello_linux_amd64_XYZ.zip")).isEmpty();
    assertThat(name.match("hello_darwin_386_3f9c2e1.zip")).as("darwin/386 is not a Go platform").isEmpty();
    assertThat(name.match("hello_linux_amd64v7_3f9c2e1.zip")).as("v7 is not a GOAMD64 level").isEmpty();
    assertThat(name.match("SHA256SUMS")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "{name}_{os}_{arch}                  | the name needs {commit7}, {commit} or {version}, or releases of different commits overwrite each other | 0",
    "{name}_{os}_{commit7}               | the name needs {os} and {arch}, or platforms overwrite each other                           | 0",
    "{name}_{os}_{arch}_{commit7}.zip    | leave out '.zip': crossbatch adds the archive's extension                                     | 28",
    "{name}_{os}_{arch}_{commit7}.tar.gz | leave out '.tar.gz': crossbatch adds the archive's extension                                  | 28",
    "{name} {os}_{arch}_{commit7}        | character ' ' is not allowed in an artifact name; use letters, digits, '.', '_' and '-' around the placeholders | 6",
    "{name}_{os}_{arch}_{commit7}_{os}   | '{os}' is used more than once                                                                | 29",
    "{name}_{platform}_{commit7}         | unknown placeholder '{platform}'; known: {arch}, {commit7}, {commit}, {name}, {os}, {variant}, {version_no_v}, {version} | 7",
    "{name}_{os}_{arch}_{comit7}         | unknown placeholder '{comit7}'; did you mean '{commit7}'?                                   | 19",
    "{name}_{os_{arch}_{commit7}         | unknown placeholder '{os_{arch}'; known: {arch}, {commit7}, {commit}, {name}, {os}, {variant}, {version_no_v}, {version} | 7",
    "{name}_{os}_{arch}_{commit7         | '{' is not closed; placeholders are written {name}                                         | 19"
  })
  void parse_badTemplate_isRejectedWithTheOffsetOfTheProblem(String template, String message, int offset) {
    assertThatThrownBy(() -> ArtifactName.parse(template))
        .isInstanceOfSatisfying(TemplateException.class, e -> {
          assertThat(e.getMessage()).isEqualTo(message);
          assertThat(e.offset()).isEqualTo(offset);
        });
  }

  /** Property: for every known platform and variant, under several templates and names, render then parse gives the inputs back. */
  @Test
  void everyKnownPlatform_roundTripsThroughIdentifierAndArtifactName() throws TemplateException {
    List<ArtifactName> templates = List.of(
        ArtifactName.defaultName(),
        ArtifactName.parse("{name}-{version}-{os}-{arch}{variant}-{commit7}"),
        ArtifactName.parse("{os}_{arch}_{variant}_{commit}_{name}"),
        ArtifactName.parse("release.{name}.{os}.{arch}{variant}.{commit7}"));
    List<String> names = List.of("hello", "my_tool", "app-linux", "a.b", "x86_64", "linux");
    Set<String> identifiers = new java.util.HashSet<>();
    for (Platform p : AllPlatforms.withVariants()) {
      assertThat(p.identifier()).matches(CodeBuildModel.IDENTIFIER);
      assertThat(identifiers.add(p.identifier())).as("identifier %s is unique", p.identifier()).isTrue();
      for (ArtifactName template : templates) {
        for (String name : names) {
          String file = template.fileName(name, p, SHA, "v1.2.3-rc.1", ".zip");
          Optional<ArtifactName.Parsed> parsed = template.match(name, file);
          assertThat(parsed).as("%s from %s", file, template.template()).isPresent();
          assertThat(parsed.get().platform()).as(file).isEqualTo(p);
          assertThat(parsed.get().version()).as(file).isEqualTo(template.template().contains("{version}") ? "v1.2.3-rc.1" : "");
          assertThat(SHA).as(file).startsWith(parsed.get().commit());
          if (!template.template().contains("{version}")) {
            // one free-text part: the name is found without being told
            assertThat(template.match(file).map(ArtifactName.Parsed::name)).as(file).contains(template.template().contains("{name}") ? name : "");
          }
        }
      }
    }
  }
}
