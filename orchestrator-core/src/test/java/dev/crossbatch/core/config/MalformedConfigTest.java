package dev.crossbatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crossbatch.core.yaml.Diagnostic;
import dev.crossbatch.core.yaml.InvalidFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file under src/test/resources/malformed-config is a broken crossbatch.yml; loading it must
 * report exactly these findings ({@code line:col: message}), all of them, in file order.
 */
class MalformedConfigTest {
  static final Path CASES = Path.of("src/test/resources/malformed-config");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("artifact-bad-char", List.of(
            "3:18: 'artifact': character '/' is not allowed in an artifact name; use letters, digits, '.', '_' and '-' around the placeholders")),
        Arguments.of("artifact-collision", List.of(
            "3:11: 'artifact': linux/arm/v6 and linux/arm/v7 would both be named hello_linux_arm_<commit7>; add {variant} to the name")),
        Arguments.of("artifact-no-commit", List.of(
            "3:12: 'artifact': the name needs {commit7}, {commit} or {version}, or releases of different commits overwrite each other")),
        Arguments.of("artifact-zip-suffix", List.of(
            "3:40: 'artifact': leave out '.zip': crossbatch adds the archive's extension")),
        Arguments.of("bad-binary-name", List.of(
            "1:7: 'my app' is not a valid binary name; use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")),
        Arguments.of("bad-go-version", List.of(
            "2:5: 'go' must be a Go version such as \"1.22\", \"1.x\" or \"latest\", found 'banana'")),
        Arguments.of("bad-variant", List.of(
            "2:13: unknown GOAMD64 variant 'v7' for amd64; valid: v1, v2, v3, v4")),
        Arguments.of("build-with-go-preset", List.of(
            "4:3: 'build' is for the generic preset and preset files; the go preset builds with 'go build'. Remove 'build' or set 'preset: generic'")),
        Arguments.of("codebuild-bad-bucket", List.of(
            "4:11: 'My_Bucket' is not a valid S3 bucket name; bucket names are 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit")),
        Arguments.of("codebuild-bad-prefix", List.of(
            "4:11: '../releases' is not a valid key prefix; use segments of letters, digits, '.', '_' and '-' separated by '/', e.g. 'releases/hello'")),
        Arguments.of("codebuild-bad-project", List.of(
            "4:12: 'hello.release' is not a valid CodeBuild project name; use 2-150 letters, digits, '-' or '_', starting with a letter or digit")),
        Arguments.of("codebuild-bad-region", List.of(
            "4:11: 'eu-west' is not an AWS region; write it like 'eu-west-1' or 'us-east-1'")),
        Arguments.of("codebuild-batch-mode", List.of(
            "4:15: unknown batch mode 'lists'; did you mean 'list'?")),
        Arguments.of("codebuild-compute-type", List.of(
            "4:17: unknown compute type 'BUILD_GENERAL1_SMAL'; did you mean 'BUILD_GENERAL1_SMALL'?")),
        Arguments.of("codebuild-fast-fail-text", List.of(
            "4:14: 'codebuild.fast-fail' must be true or false, found a string 'sometimes'")),
        Arguments.of("codebuild-max-builds-low", List.of(
            "4:15: 'codebuild.max-builds' is 2 but the batch has 3 builds; CodeBuild fails a batch that exceeds it. Raise it to at least 3 or remove it")),
        Arguments.of("codebuild-max-builds-text", List.of(
            "4:15: 'codebuild.max-builds' must be a whole number, found a string 'ten'")),
        Arguments.of("codebuild-unknown-key", List.of(
            "4:3: unknown key 'regon' in 'codebuild'; did you mean 'region'?")),
        Arguments.of("duplicate-key", List.of(
            "3:1: duplicate key 'name' (first defined on line 1); remove one")),
        Arguments.of("duplicate-platform", List.of(
            "5:5: platform 'linux/amd64' is listed twice (first on line 3); remove one")),
        Arguments.of("empty-file", List.of(
            "1:1: file is empty")),
        Arguments.of("empty-platforms", List.of(
            "2:12: 'platforms' is empty; list at least one platform, e.g. [linux/amd64]")),
        Arguments.of("env-reserved", List.of(
            "4:3: 'CODEBUILD_X' is reserved: CodeBuild sets CODEBUILD_* variables itself; choose another name",
            "5:3: 'GOOS' is set per build from 'platforms'; remove it from env (for variants write e.g. linux/arm/v7)",
            "6:3: '1BAD' is not a valid environment variable name; use letters, digits and '_', not starting with a digit")),
        Arguments.of("env-value-map", List.of(
            "5:5: 'env.FOO' must be a string, found a mapping")),
        Arguments.of("flags-ldflags", List.of(
            "3:9: '-ldflags=-s' is set by crossbatch; use 'ldflags:' for linker flags, the output name comes from 'name:'")),
        Arguments.of("flags-split-by-comma", List.of(
            "3:28: 'b' is not a go build flag (flags start with '-'); inside [ ] a comma separates items, so quote a flag that holds commas: \"-tags=netgo,osusergo\"")),
        Arguments.of("generic-without-commands", List.of(
            "3:1: the generic preset needs 'build.commands' (the commands that build one platform; GOOS and GOARCH are set)")),
        Arguments.of("ldflags-backquote", List.of(
            "3:21: 'ldflags': character '`' is not allowed in ldflags: it would reach the shell; use letters, digits, spaces and . _ = / : , + @ % - with {version}/{commit} placeholders")),
        Arguments.of("ldflags-open-quote", List.of(
            "3:22: 'ldflags': the quote ' is not closed; quote a whole word: -extldflags '-static'")),
        Arguments.of("ldflags-quoted-dollar", List.of(
            "3:21: 'ldflags': character '$' is not allowed in ldflags: it would reach the shell; use letters, digits, spaces and . _ = / : , + @ % - with {version}/{commit} placeholders")),
        Arguments.of("flags-hostile", List.of(
            "3:9: '-tags=a b' is 2 words; give one flag per item, quoting a value with blanks: \"-gcflags='all=-N -l'\"",
            "3:22: '-gcflags=x;rm -rf /' is not a go build flag crossbatch accepts; write flags like -trimpath, -tags=netgo,osusergo"
                + " or -gcflags='all=-N -l' (letters, digits, . _ , / : = + - and quoted blanks)")),
        Arguments.of("ldflags-dollar", List.of(
            "3:29: 'ldflags': character '$' is not allowed in ldflags: it would reach the shell; use letters, digits, spaces and . _ = / : , + @ % - with {version}/{commit} placeholders")),
        Arguments.of("ldflags-unknown-placeholder", List.of(
            "3:27: 'ldflags': unknown placeholder '{verison}'; did you mean '{version}'?")),
        Arguments.of("local-parallelism-zero", List.of(
            "4:16: 'local.parallelism' must be between 1 and 256, found 0")),
        Arguments.of("main-list", List.of(
            "2:7: 'main' is one main package, found a list; for several binaries write one entry of 'builds:' per main package,"
                + " e.g. builds: [{binary: alpha, main: ./cmd/alpha}, {binary: beta, main: ./cmd/beta}]")),
        Arguments.of("main-pattern", List.of(
            "2:7: './cmd/...' is a pattern of several packages, and go build -o makes one binary of one main package;"
                + " write './cmd/NAME', and one entry of 'builds:' per binary for several")),
        Arguments.of("builds-problems", List.of(
            "2:1: 'main' is for a single binary; with 'builds' each build names its own main package",
            "6:24: 'builds[0].ldflags': character '$' is not allowed in ldflags: it would reach the shell; use letters, digits, spaces"
                + " and . _ = / : , + @ % - with {version}/{commit} placeholders",
            "7:13: 'alpha' is the binary of an earlier build too; each build needs its own file name",
            "8:5: unknown key 'mian' in 'builds[1]'; did you mean 'main'?",
            "9:5: missing required key 'builds[2].binary' (the file name inside the archive, e.g. 'binary: hello')",
            "10:11: 'CODEBUILD_X' is reserved: CodeBuild sets CODEBUILD_* variables itself; choose another name",
            "10:29: 'GOOS' is set per build from 'platforms'; remove it from env (for variants write e.g. linux/arm/v7)")),
        Arguments.of("builds-empty", List.of(
            "2:9: 'builds' must be a list of binaries, each with 'binary:' and 'main:', e.g. - {binary: hello, main: ./cmd/hello}")),
        Arguments.of("archive-files-unsafe", List.of(
            "4:20: 'archive.files': '../secrets/*' has a '.' or '..' segment; files come from crossbatch.yml's folder and below",
            "4:34: 'archive.files': 'docs/$(id)' is not a file pattern crossbatch accepts; write paths relative to crossbatch.yml's folder"
                + " such as LICENSE*, docs/** or completions/*.bash (letters, digits, . _ + @ -, '*' and '?', segments joined by '/')",
            "4:48: 'archive.files': '/etc/passwd' is not a file pattern crossbatch accepts; write paths relative to crossbatch.yml's folder"
                + " such as LICENSE*, docs/** or completions/*.bash (letters, digits, . _ + @ -, '*' and '?', segments joined by '/')",
            "4:61: 'archive.files': './README.md' starts with './'; write 'README.md': files are found from crossbatch.yml's folder")),
        Arguments.of("overrides-problems", List.of(
            "4:17: 'windows/arm64' matches no platform of 'platforms'; write an os (windows), a pair (linux/arm64)"
                + " or a platform with its variant (linux/arm/v7) that is built",
            "5:22: '-o=x' is set by crossbatch; use 'ldflags:' for linker flags, the output name comes from 'name:'",
            "6:5: 'overrides[0].codebuild' sets a batch entry of some platforms, and batch-mode matrix has none (every build shares its axes);"
                + " use batch-mode list or graph",
            "6:53: 'overrides[0].codebuild.fleet' and 'compute-type' cannot both be set: CodeBuild refuses a batch entry with both"
                + " (a fleet has its own compute); keep one",
            "6:76: unknown environment type 'ARM'; valid: WINDOWS_CONTAINER, LINUX_CONTAINER, LINUX_GPU_CONTAINER, ARM_CONTAINER,"
                + " WINDOWS_SERVER_2019_CONTAINER, WINDOWS_SERVER_2022_CONTAINER, LINUX_LAMBDA_CONTAINER, ARM_LAMBDA_CONTAINER, LINUX_EC2,"
                + " ARM_EC2, WINDOWS_EC2, MAC_ARM",
            "7:5: 'overrides[1]' sets nothing for its platforms; add flags, ldflags, env or codebuild, or remove it",
            "8:5: missing required key 'overrides[2].platforms' (what the settings apply to: an os, os/arch or os/arch/variant,"
                + " e.g. [windows/arm64, linux/ppc64le])")),
        Arguments.of("main-dotdot", List.of(
            "2:7: '../elsewhere' is not a Go main package; write '.', './cmd/NAME' or an import path")),
        Arguments.of("matrix-exclude-missing", List.of(
            "5:13: exclude 'darwin/amd64' is not in os × arch; remove it")),
        Arguments.of("matrix-mode-not-product", List.of(
            "4:15: batch-mode matrix builds every GOOS × GOARCH combination, but darwin/amd64 is not in 'platforms'; use batch-mode list or graph")),
        Arguments.of("matrix-unknown-goos", List.of(
            "3:15: unknown GOOS 'macos'; did you mean 'darwin'?")),
        Arguments.of("matrix-without-arch", List.of(
            "3:3: 'platforms' as a mapping needs both 'os' and 'arch' lists, e.g. os: [linux, darwin] and arch: [amd64, arm64]")),
        Arguments.of("merge-key", List.of(
            "1:1: missing required key 'name' (the binary name, e.g. 'name: hello')",
            "1:1: unknown key 'base'; known keys: name, main, builds, go, platforms, overrides, ldflags, flags, env, artifact, archive, preset, build, test, timeout-minutes, codebuild, local, sign",
            "2:1: YAML merge keys ('<<') are not supported; write the keys out")),
        Arguments.of("missing-name", List.of(
            "1:1: missing required key 'name' (the binary name, e.g. 'name: hello')")),
        Arguments.of("missing-platforms", List.of(
            "1:1: missing required key 'platforms' (a list such as [linux/amd64, darwin/arm64], or os:/arch: lists)")),
        Arguments.of("name-is-list", List.of(
            "1:7: 'name' must be a string, found a list")),
        Arguments.of("no-variants-for-arch", List.of(
            "2:13: 'arm64' has no variants; write 'darwin/arm64'")),
        Arguments.of("platform-dash", List.of(
            "2:13: 'linux-amd64' is not a platform; write it as os/arch in lower case, e.g. 'linux/amd64'")),
        Arguments.of("preset-file-missing", List.of(
            "3:9: preset file 'ci/missing.yml' not found next to crossbatch.yml (looked for {dir}/ci/missing.yml)")),
        Arguments.of("several-errors", List.of(
            "1:7: 'hello world' is not a valid binary name; use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
            "2:26: unknown platform 'plan9/arm64'; did you mean 'plan9/amd64'? ('crossbatch platforms' lists them all)",
            "4:11: 'Europe' is not an AWS region; write it like 'eu-west-1' or 'us-east-1'")),
        Arguments.of("syntax-error", List.of(
            "3:1: invalid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence started at 2:12)")),
        Arguments.of("tab-indent", List.of(
            "3:1: invalid YAML: a tab cannot indent YAML; indent with spaces")),
        Arguments.of("timeout-too-long", List.of(
            "3:18: 'timeout-minutes' must be between 5 and 480, found 9000")),
        Arguments.of("top-level-list", List.of(
            "1:1: crossbatch.yml must be a mapping of keys such as 'name:' and 'platforms:', found a list")),
        Arguments.of("two-documents", List.of(
            "4:1: only one YAML document is allowed; remove the second '---' section")),
        Arguments.of("unknown-arch", List.of(
            "3:5: unknown platform 'linux/amd46'; did you mean 'linux/amd64'? ('crossbatch platforms' lists them all)")),
        Arguments.of("unknown-key-no-suggestion", List.of(
            "3:1: unknown key 'frobnicate'; known keys: name, main, builds, go, platforms, overrides, ldflags, flags, env, artifact, archive, preset, build, test, timeout-minutes, codebuild, local, sign")),
        Arguments.of("unknown-os", List.of(
            "3:5: unknown platform 'linx/arm64'; did you mean 'linux/arm64'? ('crossbatch platforms' lists them all)")),
        Arguments.of("unknown-preset", List.of(
            "3:9: unknown preset 'gp'; did you mean 'go'? (built-in: go, generic; or the path of a .yml file)")),
        Arguments.of("unknown-top-key", List.of(
            "2:1: unknown key 'platfroms'; did you mean 'platforms'?")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void load_malformedConfig_reportsEveryProblemWithItsLocation(String name, List<String> expected, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("crossbatch.yml");
    Files.copy(CASES.resolve(name + ".yml"), file);

    InvalidFileException e = catchThrowableOfType(InvalidFileException.class, () -> ConfigLoader.load(file, "crossbatch.yml"));

    assertThat(e).as("loading %s must fail", name).isNotNull();
    assertThat(e.diagnostics()).allMatch(d -> d.file().equals("crossbatch.yml"));
    assertThat(e.diagnostics().stream().map(d -> d.line() + ":" + d.column() + ": " + d.message()))
        .containsExactlyElementsOf(expected.stream().map(m -> m.replace("{dir}", dir.toString())).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void load_malformedConfig_printsAsFileLineColumnMessage(String name, List<String> expected, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("crossbatch.yml");
    Files.copy(CASES.resolve(name + ".yml"), file);

    InvalidFileException e = catchThrowableOfType(InvalidFileException.class, () -> ConfigLoader.load(file, "crossbatch.yml"));

    Diagnostic first = e.diagnostics().get(0);
    assertThat(first.toString()).isEqualTo("crossbatch.yml:" + expected.get(0).replace("{dir}", dir.toString()));
  }
}
