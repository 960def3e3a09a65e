package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** examples/hello-go: its committed generated files are current, and the buildspec they hold really builds it. */
class ExampleTest {
  static final String SHA = "3f9c2e1a0b4d5c6e7f8091a2b3c4d5e6f7081920";

  @Test
  void committedGeneratedFiles_areCurrent() {
    Run run = Cli.run(Example.DIR, "generate", "--check");

    assertThat(run.err()).as("run 'crossbatch generate' in examples/hello-go and commit the result").isEmpty();
    assertThat(run.exit()).isZero();
  }

  @Test
  void exampleFiles_areValid() {
    Run run = Cli.run(Example.DIR, "validate");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("crossbatch.yml: valid config (hello for 6 platforms, batch-mode list)\n"
        + "buildspecs/buildspec.yml: valid buildspec (build-list with 6 builds)\n");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> buildspec(Path dir) throws Exception {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(dir.resolve("buildspecs/buildspec.yml")));
  }

  /** What CodeBuild would run for one build-list entry: the build phase in one bash session, then the artifact name. */
  @SuppressWarnings("unchecked")
  private static Processes.Result build(Path dir, Map<String, Object> spec, Map<String, String> platformEnv) {
    Map<String, Object> phases = (Map<String, Object>) spec.get("phases");
    List<String> commands = (List<String>) ((Map<String, Object>) phases.get("build")).get("commands");
    String name = (String) ((Map<String, Object>) spec.get("artifacts")).get("name");
    Map<String, String> env = new HashMap<>((Map<String, String>) ((Map<String, Object>) spec.get("env")).get("variables"));
    env.putAll(platformEnv);
    env.put("VERSION", "v0.1.0-test");
    env.put("CODEBUILD_RESOLVED_SOURCE_VERSION", SHA);
    String script = "set -e\n" + String.join("\n", commands) + "\necho \"artifact=" + name + "\"\n";
    return Processes.run(dir, env, List.of("bash", "-c", script));
  }

  @Test
  void generatedBuildCommands_crossCompileTheExample_withVersionAndCommitInjected(@TempDir Path tmp) throws Exception {
    Path dir = Example.copyTo(tmp);
    Map<String, Object> spec = buildspec(dir);

    Processes.Result linux = build(dir, spec, Map.of("GOOS", "linux", "GOARCH", "amd64"));
    assertThat(linux.exit()).as(linux.output()).isZero();
    assertThat(linux.output()).contains("artifact=hello_linux_amd64_3f9c2e1.zip");
    assertThat(Processes.ok(dir, dir.resolve("dist/archive/hello").toString()))
        .isEqualTo("hello v0.1.0-test (commit " + SHA + ") linux/amd64\n");

    Processes.Result windows = build(dir, spec, Map.of("GOOS", "windows", "GOARCH", "arm64"));
    assertThat(windows.exit()).as(windows.output()).isZero();
    assertThat(windows.output()).contains("artifact=hello_windows_arm64_3f9c2e1.zip");
    byte[] exe = Files.readAllBytes(dir.resolve("dist/archive/hello.exe"));
    assertThat(new String(exe, 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1)).as("a PE executable").isEqualTo("MZ");
  }
}
