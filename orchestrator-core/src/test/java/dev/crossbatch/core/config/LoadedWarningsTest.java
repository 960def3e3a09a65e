package dev.crossbatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.yaml.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command that builds reads crossbatch.yml once: the warnings of that read are validate's, found again from the Go sources. */
class LoadedWarningsTest {
  @TempDir Path dir;

  @Test
  void theWarningsOfALoadedConfig_areThoseOfValidate_inTheFilesOrder_eachTimeAsked() throws Exception {
    Files.writeString(dir.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n");
    Files.writeString(dir.resolve("main.go"), "package main\n\nvar version = \"dev\"\n\nfunc main() { println(version) }\n");
    Path file = Files.writeString(dir.resolve("crossbatch.yml"), """
        name: hello
        platforms: [linux/amd64]
        ldflags: "-s -w -X main.version={version} -X main.missing={commit}"
        go: "1.99"
        """);

    ConfigLoader.Loaded loaded = ConfigLoader.loaded(file, "crossbatch.yml");
    List<Diagnostic> validate = ConfigLoader.check(file, "crossbatch.yml").diagnostics();

    assertThat(loaded.config().name()).isEqualTo("hello");
    assertThat(loaded.warnings()).isEqualTo(validate).hasSize(2);
    assertThat(loaded.warnings().get(0).toString()).contains("'-X main.missing' sets nothing");
    assertThat(loaded.warnings().get(1).toString()).contains("'go: 1.99' is not a golang runtime");
    assertThat(loaded.warnings()).isEqualTo(validate);
  }
}
