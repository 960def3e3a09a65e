package dev.crossbatch.core.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitializerTest {
  @TempDir Path dir;

  private void write(String path, String text) throws Exception {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void init_goModuleAtRoot_writesAValidCommentedConfigWithTheSixRecipePlatforms() throws Exception {
    write("go.mod", "module github.com/example/hello\n\ngo 1.22.3\n");
    write("main.go", "package main\n\nfunc main() {}\n");

    Initializer.Result result = Initializer.init(new Initializer.Request(dir, null, null, List.of(), false));

    ProjectConfig config = ConfigLoader.load(dir.resolve("crossbatch.yml"), "crossbatch.yml");
    assertThat(config.name()).isEqualTo("hello");
    assertThat(config.main()).isEqualTo(".");
    assertThat(config.goVersion()).isEqualTo("1.22");
    assertThat(config.platforms()).extracting(Platform::toString)
        .containsExactly("linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64");
    assertThat(result.notes()).containsExactly(
        "no version variable found (var version string in the main package or a version package): -X main.version stays without effect until there is one",
        "added dist/ and .crossbatch/ to .gitignore");
    assertThat(Files.readString(dir.resolve(".gitignore"))).isEqualTo("dist/\n.crossbatch/\n");
    String text = Files.readString(dir.resolve("crossbatch.yml"));
    assertThat(text).startsWith(dev.crossbatch.core.config.ConfigSchema.MODELINE + "\n# crossbatch.yml: how crossbatch builds and releases this Go module")
        .contains("\nplatforms:\n  - linux/amd64\n  - linux/arm64\n")
        .contains("# codebuild:\n#   project: my-project-release\n");
  }

  @Test
  void init_majorVersionModuleWithCmdFolder_namesTheBinaryWithoutTheSuffixAndFindsItsMain() throws Exception {
    write("go.mod", "module example.com/org/tool/v2 // the v2 line\ngo 1.21\n");
    write("cmd/tool/main.go", "// Command tool does things.\npackage main\n");
    write("internal/x/x.go", "package x\n");

    Initializer.Result result = Initializer.init(new Initializer.Request(dir, null, null, List.of(), false));

    assertThat(result.name()).isEqualTo("tool");
    assertThat(result.main()).isEqualTo("./cmd/tool");
    assertThat(result.goVersion()).isEqualTo("1.21");
  }

  @Test
  void init_oneCommandUnderCmd_namesTheBinaryAfterItsFolder_asGoBuildDoes() throws Exception {
    write("go.mod", "module github.com/go-delve/delve\n\ngo 1.22\n");
    write("cmd/dlv/main.go", "package main\n");
    write("pkg/proc/proc.go", "package proc\n");

    Initializer.Result result = Initializer.init(new Initializer.Request(dir, null, null, List.of(), false));

    assertThat(result.name()).isEqualTo("dlv");
    assertThat(result.main()).isEqualTo("./cmd/dlv");
    assertThat(result.notes()).noneMatch(n -> n.contains("commands under cmd/"));
  }

  @Test
  void init_severalCommands_buildsTheOneNamedLikeTheModule_andNamesThemAll() throws Exception {
    write("go.mod", "module github.com/cloudflare/cfssl\n\ngo 1.22\n");
    for (String c : List.of("cfssl", "cfssljson", "mkbundle", "multirootca")) {
      write("cmd/" + c + "/main.go", "package main\n");
    }

    Initializer.Result result = Initializer.init(new Initializer.Request(dir, null, null, List.of(), false));

    assertThat(result.name()).isEqualTo("cfssl");
    assertThat(result.main()).isEqualTo("./cmd/cfssl");
    assertThat(result.notes()).contains("4 commands under cmd/ (cfssl, cfssljson, mkbundle, multirootca): this file builds ./cmd/cfssl;"
        + " the 'builds:' written in comments below 'main:' ships them all");
    String written = Files.readString(dir.resolve("crossbatch.yml"));
    assertThat(written).contains("""
        main: ./cmd/cfssl

        # This module has 4 commands under cmd/. To ship them all in each archive, replace 'main:' with:
        # builds:
        #   - binary: cfssl
        #     main: ./cmd/cfssl
        #   - binary: cfssljson
        #     main: ./cmd/cfssljson
        #   - binary: mkbundle
        """);
    // uncommented as it says, the file is valid and builds all four
    String all = written.replaceFirst("\nmain: ./cmd/cfssl\n", "\n").replaceAll("(?m)^# (builds:|  - binary:|    main:)", "$1");
    dev.crossbatch.core.config.ProjectConfig config = dev.crossbatch.core.config.ConfigLoader.parse(all, dir.resolve("crossbatch.yml"), "crossbatch.yml");
    assertThat(config.builds()).extracting(b -> b.binary() + "=" + b.main())
        .containsExactly("cfssl=./cmd/cfssl", "cfssljson=./cmd/cfssljson", "mkbundle=./cmd/mkbundle", "multirootca=./cmd/multirootca");
  }

  @Test
  void init_versionInAnInternalPackage_getsItsImportPathInLdflags() throws Exception {
    write("go.mod", "module example.com/goawk\n\ngo 1.22\n");
    write("main.go", "package main\n\nfunc main() {}\n");
    write("internal/version/version.go", "package version\n\n// Version is stamped at release.\nvar Version = \"dev\"\n");

    Initializer.init(new Initializer.Request(dir, null, null, List.of(), false));

    assertThat(Files.readString(dir.resolve("crossbatch.yml"))).contains("ldflags: -s -w -X example.com/goawk/internal/version.Version={version}\n");
  }

  @Test
  void init_aConstantVersion_isSaid_andTheMainPackagesVarBlockIsFound() throws Exception {
    write("go.mod", "module example.com/tool\n\ngo 1.22\n");
    write("main.go", "package main\n\nvar (\n\tversion = \"dev\"\n\tcommit  string\n)\n\nfunc main() {\n\tversion := 1\n\t_ = version\n}\n");
    write("version/version.go", "package version\n\nconst Version = \"1.0.0\"\n");

    Initializer.Result result = Initializer.init(new Initializer.Request(dir, null, null, List.of(), false));

    assertThat(Files.readString(dir.resolve("crossbatch.yml"))).contains("ldflags: -s -w -X main.version={version} -X main.commit={commit}\n");
    assertThat(result.notes()).contains("Version in ./version is a constant, which -X cannot set: make it a 'var' to have releases stamp it");
  }

  @Test
  void init_onlyAConstantVersion_isSaidOnce() throws Exception {
    write("go.mod", "module example.com/tool\n\ngo 1.22\n");
    write("main.go", "package main\n\nconst version = \"v1.0.0\"\n\nfunc main() {}\n");

    Initializer.Result result = Initializer.init(new Initializer.Request(dir, null, null, List.of(), false));

    assertThat(result.notes()).contains("version in the main package (.) is a constant, which -X cannot set: make it a 'var' to have releases stamp it")
        .noneMatch(n -> n.startsWith("no version variable found"));
  }

  @Test
  void init_noVersionVariable_keepsTheDefault_andSaysItDoesNothingYet() throws Exception {
    write("go.mod", "module example.com/bare\n\ngo 1.22\n");
    write("main.go", "package main\n\nfunc main() {}\n");

    Initializer.Result result = Initializer.init(new Initializer.Request(dir, null, null, List.of(), false));

    assertThat(Files.readString(dir.resolve("crossbatch.yml"))).contains("ldflags: -s -w -X main.version={version} -X main.commit={commit}\n");
    assertThat(result.notes()).anyMatch(n -> n.startsWith("no version variable found"));
  }

  @Test
  void init_goOlderThanCodeBuildOffers_writesTheNearestNewerLine_andSaysSo() throws Exception {
    write("go.mod", "module example.com/hello\n\ngo 1.18\n");
    write("main.go", "package main\n");

    Initializer.Result result = Initializer.init(new Initializer.Request(dir, null, null, List.of(), false));

    assertThat(result.goVersion()).isEqualTo("1.20");
    assertThat(Files.readString(dir.resolve("crossbatch.yml"))).contains("go: \"1.20\"");
    assertThat(result.notes()).contains("go.mod says Go 1.18, which no golang runtime of CodeBuild's images is (they offer 1.20 to 1.26):"
        + " wrote go: \"1.20\", the nearest newer line; Go builds older modules as they are");
  }

  @Test
  void init_goWithAPatch_writesItsLine_andGoNewerThanAnyLine_writes1x() throws Exception {
    write("go.mod", "module example.com/hello\n\ngo 1.22.3\n");
    write("main.go", "package main\n");
    assertThat(Initializer.init(new Initializer.Request(dir, null, null, List.of(), false)).goVersion()).isEqualTo("1.22");

    write("go.mod", "module example.com/hello\n\ngo 1.27\n");
    Initializer.Result newer = Initializer.init(new Initializer.Request(dir, null, null, List.of(), true));
    assertThat(newer.goVersion()).isEqualTo("1.x");
    assertThat(newer.notes()).anyMatch(n -> n.endsWith("wrote go: \"1.x\", their newest"));
  }

  @Test
  void init_withoutPackageMain_notesThatMainMustBeSet() throws Exception {
    write("go.mod", "module example.com/lib\n");
    write("lib.go", "package lib\n");

    Initializer.Result result = Initializer.init(new Initializer.Request(dir, null, null, List.of(), false));

    assertThat(result.notes()).containsExactly(
        "no package main next to go.mod or under cmd/; set 'main:' in crossbatch.yml",
        "go.mod has no 'go' line: CodeBuild will use its latest Go 1 (go: \"1.x\")",
        "no version variable found (var version string in the main package or a version package): -X main.version stays without effect until there is one",
        "added dist/ and .crossbatch/ to .gitignore");
    assertThat(ConfigLoader.load(dir.resolve("crossbatch.yml"), "crossbatch.yml").goVersion()).isEqualTo("1.x");
  }

  @Test
  void init_existingGitignore_getsOnlyTheMissingLinesAppended() throws Exception {
    write("go.mod", "module example.com/hello\ngo 1.22\n");
    write(".gitignore", "/dist/\n*.log");

    Initializer.Result result = Initializer.init(new Initializer.Request(dir, null, null, List.of(), false));

    assertThat(Files.readString(dir.resolve(".gitignore"))).isEqualTo("/dist/\n*.log\n.crossbatch/\n");
    assertThat(result.notes()).contains("added .crossbatch/ to .gitignore");
  }

  @Test
  void init_existingConfig_isNotOverwrittenWithoutForce() throws Exception {
    write("go.mod", "module example.com/hello\ngo 1.22\n");
    write("crossbatch.yml", "mine\n");

    assertThatThrownBy(() -> Initializer.init(new Initializer.Request(dir, null, null, List.of(), false)))
        .isInstanceOf(CrossbatchException.class)
        .hasMessage(dir.resolve("crossbatch.yml") + " already exists");
    assertThat(Files.readString(dir.resolve("crossbatch.yml"))).isEqualTo("mine\n");

    Initializer.init(new Initializer.Request(dir, null, null, List.of(Platform.of("linux", "riscv64")), true));
    assertThat(ConfigLoader.load(dir.resolve("crossbatch.yml"), "crossbatch.yml").platforms()).containsExactly(Platform.of("linux", "riscv64"));
  }

  @Test
  void init_withoutGoMod_saysWhereToRunIt() {
    assertThatThrownBy(() -> Initializer.init(new Initializer.Request(dir, null, null, List.of(), false)))
        .isInstanceOfSatisfying(CrossbatchException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("no go.mod in " + dir);
          assertThat(e.hint()).contains("run crossbatch init in the folder of your Go module (create one with 'go mod init MODULE'), or pass --name");
        });
    assertThat(dir.resolve("crossbatch.yml")).doesNotExist();
  }

  @Test
  void init_moduleWhoseLastElementCannotBeABinaryName_asksForNameAndWritesNothing() throws Exception {
    write("go.mod", "module example.com/my~tool\ngo 1.22\n");

    assertThatThrownBy(() -> Initializer.init(new Initializer.Request(dir, null, null, List.of(), false)))
        .isInstanceOfSatisfying(CrossbatchException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("'my~tool' is not a valid binary name; use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
          assertThat(e.hint()).contains("pass --name with the binary's name");
        });
    assertThat(dir.resolve("crossbatch.yml")).doesNotExist();
  }
}
