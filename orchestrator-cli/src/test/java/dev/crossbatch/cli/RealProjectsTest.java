package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.Cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go projects shipped as their maintainers ship them, built for real on the local backend:
 * src/test/resources/projects/suite has two mains under cmd/, a version variable in an internal
 * package, a file behind a build tag, LICENSE, README.md and docs/.
 */
class RealProjectsTest {
  static final Path PROJECTS = Path.of("src/test/resources/projects").toAbsolutePath();

  @TempDir Path tmp;

  @Test
  void severalBinaries_goIntoEachPlatformsZip_withTheFilesAndTheirPaths() throws Exception {
    Path repo = project("suite", tmp.resolve("suite"));
    String sha7 = Example.commitAll(repo).substring(0, 7);
    Processes.ok(repo, "git", "tag", "v1.2.3");

    Run release = Cli.run(repo, "release");

    assertThat(release.exit()).as(release.out() + release.err()).isZero();
    Path dist = repo.resolve("dist");
    assertThat(entries(dist.resolve("suite_linux_amd64_" + sha7 + ".zip")))
        .containsExactly("LICENSE", "README.md", "alpha", "beta", "docs/guide/intro.md");
    assertThat(entries(dist.resolve("suite_windows_amd64_" + sha7 + ".zip")))
        .containsExactly("LICENSE", "README.md", "alpha.exe", "beta.exe", "docs/guide/intro.md");

    Path unzipped = unzip(dist.resolve("suite_linux_amd64_" + sha7 + ".zip"));
    assertThat(Processes.ok(unzipped, unzipped.resolve("alpha").toString())).isEqualTo("alpha v1.2.3 linux/amd64\n");
    // beta's own flags carry the build tag; alpha's (the top level's) do not
    assertThat(Processes.ok(unzipped, unzipped.resolve("beta").toString())).isEqualTo("beta v1.2.3 extra\n");
    assertThat(Files.readString(unzipped.resolve("docs/guide/intro.md"))).isEqualTo("# Getting started\n");
  }

  @Test
  void binariesWithTheSameSettings_shareOneGoBuild_andEachPlatformsArchiveStillHoldsThemAll() throws Exception {
    Path repo = suite("    flags: [-trimpath, -tags=extra]\n    env: {GOFLAGS: -mod=mod}\n", "");
    String sha7 = Example.commitAll(repo).substring(0, 7);
    Processes.ok(repo, "git", "tag", "v1.3.0");

    Run release = Cli.run(repo, "release");

    assertThat(release.exit()).as(release.out() + release.err()).isZero();
    assertThat(Files.readString(repo.resolve("buildspecs/buildspec.yml"))).containsOnlyOnce("go build").contains("-o \"dist/archive/\" ./cmd/alpha ./cmd/beta\n");
    Path linux = unzip(repo.resolve("dist/suite_linux_amd64_" + sha7 + ".zip"));
    assertThat(Processes.ok(linux, linux.resolve("alpha").toString())).isEqualTo("alpha v1.3.0 linux/amd64\n");
    assertThat(Processes.ok(linux, linux.resolve("beta").toString())).isEqualTo("beta v1.3.0 plain\n");
    assertThat(entries(repo.resolve("dist/suite_windows_amd64_" + sha7 + ".zip")))
        .containsExactly("LICENSE", "README.md", "alpha.exe", "beta.exe", "docs/guide/intro.md");
  }

  @Test
  void overrides_giveSomePlatformsTheirOwnFlagsLdflagsAndEnv_andTheRestTheirOwn() throws Exception {
    Path repo = project("suite", tmp.resolve("suite"));
    Files.writeString(repo.resolve("crossbatch.yml"), """
        name: suite
        builds:
          - {binary: alpha, main: ./cmd/alpha}
          - {binary: beta, main: ./cmd/beta}
        ldflags: -s -w -X example.com/suite/internal/version.Version={version}
        platforms: [linux/amd64, linux/386, windows/amd64]
        overrides:
          - platforms: [linux/amd64]
            flags: [-trimpath, -tags=extra]
          - platforms: [linux/386]
            env: {GOFLAGS: -tags=extra}
          - platforms: [windows]
            ldflags: -s -w -X example.com/suite/internal/version.Version={version}-win
            codebuild: {type: ARM_CONTAINER, image: aws/codebuild/amazonlinux-aarch64-standard:3.0}
        """);
    String sha7 = Example.commitAll(repo).substring(0, 7);
    Processes.ok(repo, "git", "tag", "v2.0.0");

    Run release = Cli.run(repo, "release");

    assertThat(release.exit()).as(release.out() + release.err()).isZero();
    Path dist = repo.resolve("dist");
    // the flags override reaches linux/amd64's go build, the env override linux/386's batch entry
    assertThat(run(dist.resolve("suite_linux_amd64_" + sha7 + ".zip"), "beta")).isEqualTo("beta v2.0.0 extra\n");
    // linux/386 binaries are read, not run: not every x86-64 kernel runs 32-bit programs (some VMs
    // answer "Exec format error"); Go's build information says how each was built (without the
    // ldflags under -trimpath), and -X stores the version as it is in the binary
    Path linux386 = unzip(dist.resolve("suite_linux_386_" + sha7 + ".zip"));
    for (String binary : List.of("alpha", "beta")) {
      assertThat(Processes.ok(linux386, "go", "version", "-m", binary))
          .contains("\tbuild\t-tags=extra\n", "\tbuild\tGOARCH=386\n", "\tbuild\tGOOS=linux\n");
      assertThat(new String(Files.readAllBytes(linux386.resolve(binary)), java.nio.charset.StandardCharsets.ISO_8859_1))
          .contains("v2.0.0").doesNotContain("v2.0.0-win");
    }
    // windows keeps the plain build but links its own version; -X stores the string as it is in the binary
    Path windows = unzip(dist.resolve("suite_windows_amd64_" + sha7 + ".zip"));
    assertThat(new String(Files.readAllBytes(windows.resolve("beta.exe")), java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("v2.0.0-win");
    String buildspec = Files.readString(repo.resolve("buildspecs/buildspec.yml"));
    assertThat(buildspec).contains("""
            - identifier: windows_amd64
              env:
                type: ARM_CONTAINER
                image: aws/codebuild/amazonlinux-aarch64-standard:3.0
        """);
  }

  @Test
  void namesByVersion_areListedAndDownloadedByVersionOrCommit_throughTheManifestOfTheirRelease() throws Exception {
    Path repo = suite("platforms: [linux/amd64, windows/amd64]", "platforms: [linux/amd64]\nartifact: \"{name}_{version_no_v}_{os}_{arch}\"");
    String first = Example.commitAll(repo);
    Processes.ok(repo, "git", "tag", "v1.0.0");
    assertThat(Cli.run(repo, "release").exit()).isZero();
    Files.writeString(repo.resolve("README.md"), "# suite 1.1\n");
    String second = Example.commitAll(repo);
    Processes.ok(repo, "git", "tag", "v1.1.0");
    Run release = Cli.run(repo, "release");
    assertThat(release.exit()).as(release.out() + release.err()).isZero();

    // dist/manifest.json now describes 1.1.0 only; 1.0.0's zip finds its commit through its own release's manifest
    Run byCommit = Cli.run(repo, "artifacts", "list", "--local", "--commit", first.substring(0, 7));
    assertThat(byCommit.out()).contains("suite_1.0.0_linux_amd64.zip").doesNotContain("suite_1.1.0");
    Run byVersion = Cli.run(repo, "artifacts", "download", "--local", "--version", "v1.1.0", "--dest", tmp.resolve("got").toString(), "--extract");
    assertThat(byVersion.exit()).as(byVersion.out() + byVersion.err()).isZero();
    assertThat(tmp.resolve("got/linux_amd64/README.md")).hasContent("# suite 1.1");
    assertThat(Files.readString(repo.resolve("dist/suite_" + second.substring(0, 7) + "_manifest.json")))
        .contains("\"version\" : \"v1.1.0\"", "\"commit\" : \"" + second + "\"");
  }

  @Test
  void tarGzForUnix_zipForWindows_madeInTheBuild_theSameBytesTwice_andUnpackedByDownload() throws Exception {
    Path repo = suite("archive:\n", "archive:\n  format: tar.gz\n  format-overrides: {windows: zip}\n");
    String sha7 = Example.commitAll(repo).substring(0, 7);

    Run release = Cli.run(repo, "release");

    assertThat(release.exit()).as(release.out() + release.err()).isZero();
    assertThat(release.out()).contains(": 2 archives, dist/SHA256SUMS");
    String linux = "suite_linux_amd64_" + sha7;
    Path tarGz = repo.resolve("dist/" + linux + "/" + linux + ".tar.gz");
    assertThat(Processes.ok(tmp, "tar", "-tvzf", tarGz.toString()).lines().map(l -> l.replaceAll("\\s+", " ")))
        .anySatisfy(l -> assertThat(l).startsWith("-rwxr-xr-x 0/0 ").endsWith(" alpha"))
        .anySatisfy(l -> assertThat(l).startsWith("-rw-r--r-- 0/0 ").endsWith(" docs/guide/intro.md"));
    assertThat(Processes.ok(tmp, "tar", "-tzf", tarGz.toString()).lines())
        .containsExactly("LICENSE", "README.md", "alpha", "beta", "docs/", "docs/guide/", "docs/guide/intro.md");
    assertThat(repo.resolve("dist/" + linux + "/" + linux + ".tar.gz.sha256")).hasContent(Processes.ok(repo.resolve("dist/" + linux), "sha256sum", linux + ".tar.gz").trim());
    String windows = "suite_windows_amd64_" + sha7;
    assertThat(entries(repo.resolve("dist/" + windows + "/" + windows + ".zip")))
        .containsExactly("LICENSE", "README.md", "alpha.exe", "beta.exe", "docs/guide/intro.md");
    assertThat(Processes.ok(repo.resolve("dist"), "sha256sum", "-c", "SHA256SUMS")).contains(linux + ".tar.gz: OK", windows + ".zip: OK");

    String sums = Files.readString(repo.resolve("dist/SHA256SUMS"));
    assertThat(Cli.run(repo, "release").exit()).isZero();
    assertThat(Cli.withoutProvenance(Files.readString(repo.resolve("dist/SHA256SUMS")))).as("the same bytes for the same commit")
        .isEqualTo(Cli.withoutProvenance(sums));

    Run download = Cli.run(repo, "artifacts", "download", "--local", "--latest", "--dest", tmp.resolve("got").toString(), "--extract");
    assertThat(download.exit()).as(download.out() + download.err()).isZero();
    assertThat(download.out()).contains("sha256 ok");
    assertThat(Processes.ok(tmp, tmp.resolve("got/linux_amd64/alpha").toString())).startsWith("alpha ");
    assertThat(tmp.resolve("got/windows_amd64/docs/guide/intro.md")).hasContent("# Getting started");
  }

  @Test
  void theBareBinary_isTheArchive_namedByPlatform() throws Exception {
    Path repo = project("suite", tmp.resolve("suite"));
    Files.writeString(repo.resolve("crossbatch.yml"), """
        name: alpha
        main: ./cmd/alpha
        platforms: [linux/amd64, windows/amd64]
        archive: {format: binary}
        """);
    String sha7 = Example.commitAll(repo).substring(0, 7);

    Run release = Cli.run(repo, "release");

    assertThat(release.exit()).as(release.out() + release.err()).isZero();
    Path linux = repo.resolve("dist/alpha_linux_amd64_" + sha7 + "/alpha_linux_amd64_" + sha7);
    assertThat(Processes.ok(tmp, linux.toString())).startsWith("alpha ");
    assertThat(repo.resolve("dist/alpha_windows_amd64_" + sha7 + "/alpha_windows_amd64_" + sha7 + ".exe")).exists();
    assertThat(Files.readString(repo.resolve("buildspecs/buildspec.yml"))).contains("cp \"dist/archive/alpha$(test \"$GOOS\" != windows || echo .exe)\"");
    assertThat(Files.readString(repo.resolve("templates/codebuild-project.yml"))).contains("Packaging: NONE");
  }

  @Test
  void xFlagsThatSetNothing_areNamedByValidateAndRelease_andTheBinaryIndeedKeepsItsValue() throws Exception {
    Path repo = project("versions", tmp.resolve("versions"));
    String sha7 = Example.commitAll(repo).substring(0, 7);
    Processes.ok(repo, "git", "tag", "v3.0.0");

    Run validate = Cli.run(repo, "validate");
    Run release = Cli.run(repo, "release");

    assertThat(validate.exit()).as(validate.err()).isZero();
    List<String> expected = List.of(
        "crossbatch.yml:9:14: warning: '-X example.com/versions/cmd/good.url' sets nothing: example.com/versions/cmd/good is the main package,"
            + " which the linker calls 'main': write -X main.url; the binary keeps the value in its source",
        "crossbatch.yml:9:14: warning: '-X main.missing' sets nothing: the main package (./cmd/good) declares no package-level variable 'missing';"
            + " the binary keeps the value in its source",
        "crossbatch.yml:10:10: warning: '-X main.version' sets nothing: 'version' in the main package (./cmd/computed) is initialized by an"
            + " expression (main.go:8), which -X does not replace: declare it 'var version string' or with a string literal; the binary keeps the"
            + " value in its source",
        "crossbatch.yml:10:10: warning: '-X main.version' sets nothing: 'version' in the main package (./cmd/constver) is a constant"
            + " (main.go:6), which -X cannot set: make it a var; the binary keeps the value in its source");
    assertThat(validate.err().lines()).containsExactlyElementsOf(expected);
    assertThat(release.exit()).as(release.out() + release.err()).isZero();
    assertThat(release.err().lines()).containsAll(expected);
    Path unzipped = unzip(repo.resolve("dist/versions_linux_amd64_" + sha7 + ".zip"));
    assertThat(Processes.ok(unzipped, unzipped.resolve("constver").toString())).isEqualTo("constver v0.0.1\n");
    assertThat(Processes.ok(unzipped, unzipped.resolve("computed").toString())).isEqualTo("computed dev\n");
    // what the check calls settable is set: an internal package's variable, and a var block's entry
    assertThat(Processes.ok(unzipped, unzipped.resolve("good").toString())).isEqualTo("good v3.0.0 " + sha7 + " https://example.com/a//b\n");
  }

  @Test
  void cgo_buildsHereWithThisMachinesCompiler_andEachPlatformGetsItsOwnCodeBuildEnvironment() throws Exception {
    Path repo = project("cgotool", tmp.resolve("cgotool"));
    String sha7 = Example.commitAll(repo).substring(0, 7);
    Processes.ok(repo, "git", "tag", "v0.9.0");

    Run release = Cli.run(repo, "release", "--local", "--platform", "linux/amd64");

    assertThat(release.exit()).as(release.out() + release.err()).isZero();
    Path folder = Files.createDirectories(tmp.resolve("unpacked"));
    Processes.ok(tmp, "tar", "-xzf", repo.resolve("dist/cgotool_linux_amd64_" + sha7 + "/cgotool_linux_amd64_" + sha7 + ".tar.gz").toString(),
        "-C", folder.toString());
    // C code ran (cgo=42), and linux/amd64's own flags carried its build tag
    assertThat(Processes.ok(folder, folder.resolve("cgotool").toString())).isEqualTo("cgotool v0.9.0 linux/amd64 cgo=42 fast\n");
    assertThat(Files.readString(repo.resolve("buildspecs/buildspec.yml"))).contains("""
            - identifier: linux_arm64
              env:
                type: ARM_CONTAINER
                image: aws/codebuild/amazonlinux-aarch64-standard:3.0
                compute-type: BUILD_GENERAL1_LARGE
        """).contains("CGO_ENABLED: \"1\"");
    assertThat(Files.readString(repo.resolve("templates/codebuild-project.yml"))).contains("""
                  ComputeTypesAllowed:
                    - BUILD_GENERAL1_SMALL
                    - BUILD_GENERAL1_LARGE
        """);
  }

  @Test
  void aListedFileThatMatchesNothing_failsTheBuild_namingThePattern() throws Exception {
    Path repo = project("suite", tmp.resolve("suite"));
    Files.writeString(repo.resolve("crossbatch.yml"), Files.readString(repo.resolve("crossbatch.yml"))
        .replace("platforms: [linux/amd64, windows/amd64]", "platforms: [linux/amd64]")
        .replace("files: [LICENSE*, README*, docs/**]", "files: [LICENSE*, CHANGES.md]"));
    Example.commitAll(repo);

    Run release = Cli.run(repo, "release");

    assertThat(release.exit()).as(release.out() + release.err()).isEqualTo(1);
    Run logs = Cli.run(repo, "logs", "--platform", "linux/amd64");
    assertThat(logs.out()).contains("archive.files: no file matches CHANGES.md");
    // the failed build's folder is emptied, so no partial zip is left under a release's name
    assertThat(logs.out()).contains("no matching artifact paths found");
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(repo.resolve("dist"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith("."))).containsExactly("report.html");
    }
  }

  /** The suite project in {@code tmp/suite}, its crossbatch.yml with {@code from} replaced by {@code to}. */
  Path suite(String from, String to) throws IOException {
    Path repo = project("suite", tmp.resolve("suite"));
    Files.writeString(repo.resolve("crossbatch.yml"), Files.readString(repo.resolve("crossbatch.yml")).replace(from, to));
    return repo;
  }

  /** Copies a fixture project of src/test/resources/projects into {@code target}. */
  static Path project(String name, Path target) {
    return Example.copyTree(PROJECTS.resolve(name), target);
  }

  /** Runs {@code binary} from {@code zip}, unzipped into a folder of its own; returns what it printed. */
  String run(Path zip, String binary) throws IOException {
    Path folder = unzip(zip);
    return Processes.ok(folder, folder.resolve(binary).toString());
  }

  Path unzip(Path zip) throws IOException {
    Path folder = Files.createTempDirectory(tmp, "unzipped");
    Processes.ok(tmp, "unzip", "-q", zip.toString(), "-d", folder.toString());
    return folder;
  }

  static List<String> entries(Path zip) throws IOException {
    try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
      return Collections.list(z.getEntries()).stream().map(ZipArchiveEntry::getName).toList();
    }
  }
}
