package dev.crossbatch.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.crossbatch.core.Golden;
import dev.crossbatch.core.buildspec.GeneratedFile;
import dev.crossbatch.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every generated CloudFormation template passes cfn-lint with zero findings. */
class CfnLintTest {

  @Test
  void generatedTemplates_ofEveryGoldenCase_haveNoCfnLintFindings(@TempDir Path dir) throws Exception {
    List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable", "--"));
    for (String name : Golden.CASES) {
      GeneratedFile template = CloudFormationGenerator.generate(ConfigLoader.load(Golden.config(name), "crossbatch.yml").withSourceFolder(Golden.sourceFolder(name)));
      Path file = dir.resolve(name + ".yml");
      Files.writeString(file, template.content());
      command.add(file.toString());
    }
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      fail("cfn-lint is not installed; install it (pip install cfn-lint) to run this test: " + e.getMessage());
      return;
    }
    boolean done = process.waitFor(120, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("cfn-lint finished").isTrue();
    assertThat(output).as("cfn-lint findings").isEmpty();
    assertThat(process.exitValue()).as("cfn-lint exit code; output:%n%s", output).isZero();
  }

  @Test
  void generatedTemplate_withAnInvalidBatchRole_isFlaggedByCfnLint(@TempDir Path dir) throws Exception {
    // Proves the lint run can fail: a project without its required ServiceRole is an error.
    String template = CloudFormationGenerator.generate(ConfigLoader.load(Golden.config("minimal"), "crossbatch.yml").withSourceFolder("")).content()
        .replace("      ServiceRole: !GetAtt 'BuildRole.Arn'\n", "");
    Path file = dir.resolve("broken.yml");
    Files.writeString(file, template);
    Process process = new ProcessBuilder("cfn-lint", "--format", "parseable", "--", file.toString()).redirectErrorStream(true).start();
    process.waitFor(120, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isNotZero();
    assertThat(output).contains("ServiceRole");
  }
}
