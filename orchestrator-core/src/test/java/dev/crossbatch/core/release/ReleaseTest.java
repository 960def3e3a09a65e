package dev.crossbatch.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.local.LocalBuildService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crossbatch release on the local backend, with the generic preset (any toolchain), real git and bash. */
class ReleaseTest {
  @TempDir Path dir;
  Path repo;
  String sha;

  static final String CONFIG = """
      name: app
      preset: generic
      platforms: [linux/amd64, windows/arm64]
      build:
        commands:
          - mkdir -p out
          - printf '#!/bin/sh\\necho %s/%s %s\\n' "$GOOS" "$GOARCH" "$VERSION" > out/app && chmod +x out/app
          - test -z "$FAIL_ON" || test "$GOOS" != "$FAIL_ON"
        output: out
      """;

  static void git(Path repo, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  @BeforeEach
  void repository() throws Exception {
    repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve("crossbatch.yml"), CONFIG);
    Files.writeString(repo.resolve(".gitignore"), "dist/\n.crossbatch/\n");
    Generation.write(config());
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "one");
    git(repo, "tag", "v1.0.0");
    Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(repo.toFile()).start();
    sha = new String(p.getInputStream().readAllBytes()).trim();
  }

  private ProjectConfig config() {
    return ConfigLoader.load(repo.resolve("crossbatch.yml"), "crossbatch.yml");
  }

  private Release.Result release(Map<String, String> env, boolean dryRun) {
    ProjectConfig config = config();
    LocalBuildService service = new LocalBuildService(config, Map.of("PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home")), Clock.systemUTC(), n -> {});
    return Release.run(config, service, new Release.Request(null, env, List.of(), false, 0, null, dryRun, Map.of("crossbatch", "test")),
        dev.crossbatch.core.io.OutputLock.Waiting.refuse(java.time.Clock.systemUTC()), s -> {});
  }

  @Test
  void release_writesOneZipPerPlatform_andChecksumsThatSha256sumAccepts() throws Exception {
    Release.Result result = release(Map.of(), false);

    String short7 = sha.substring(0, 7);
    assertThat(result.succeeded()).isTrue();
    assertThat(result.artifacts()).extracting(Manifest.Entry::file)
        .containsExactly("app_linux_amd64_" + short7 + ".zip", "app_windows_arm64_" + short7 + ".zip");
    Path dist = repo.resolve("dist");
    Process check = new ProcessBuilder("sha256sum", "-c", "SHA256SUMS").directory(dist.toFile()).redirectErrorStream(true).start();
    String checked = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor()).as(checked).isZero();
    assertThat(checked).contains("app_linux_amd64_" + short7 + ".zip: OK", "app_windows_arm64_" + short7 + ".zip: OK");

    JsonNode manifest = new ObjectMapper().readTree(dist.resolve("manifest.json").toFile());
    assertThat(manifest.get("schema").asInt()).isEqualTo(1);
    assertThat(manifest.get("name").asText()).isEqualTo("app");
    assertThat(manifest.get("version").asText()).isEqualTo("v1.0.0");
    assertThat(manifest.get("commit").asText()).isEqualTo(sha);
    assertThat(manifest.get("dirty").asBoolean()).isFalse();
    assertThat(manifest.get("backend").asText()).isEqualTo("local");
    assertThat(manifest.get("tools").get("crossbatch").asText()).isEqualTo("test");
    JsonNode linux = manifest.get("artifacts").get(0);
    assertThat(linux.get("platform").asText()).isEqualTo("linux/amd64");
    assertThat(linux.get("sha256").asText()).isEqualTo(Checksums.sha256(dist.resolve(linux.get("file").asText())));
    assertThat(linux.get("size").asLong()).isEqualTo(Files.size(dist.resolve(linux.get("file").asText())));
    assertThat(linux.get("build").asText()).startsWith("app-release:");
  }

  @Test
  void release_sameCommitTwice_givesIdenticalZipsAndSboms_andAProvenanceOfEachRun() throws Exception {
    release(Map.of(), false);
    List<String> first = Files.readAllLines(repo.resolve("dist/SHA256SUMS"));

    release(Map.of(), false);
    List<String> second = Files.readAllLines(repo.resolve("dist/SHA256SUMS"));

    assertThat(second).filteredOn(l -> !l.endsWith(Provenance.SUFFIX)).hasSize(4) // 2 zips, 2 SBOMs
        .isEqualTo(first.stream().filter(l -> !l.endsWith(Provenance.SUFFIX)).toList());
    assertThat(second).filteredOn(l -> l.endsWith(Provenance.SUFFIX)).singleElement() // it records when each build ran
        .isNotIn(first);
  }

  @Test
  void release_withAFailedBuild_writesNoChecksumsAndNoManifest() {
    Release.Result result = release(Map.of("FAIL_ON", "windows"), false);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.batch().build("windows_arm64").orElseThrow().status()).isEqualTo("FAILED");
    assertThat(repo.resolve("dist/SHA256SUMS")).doesNotExist();
    assertThat(repo.resolve("dist/manifest.json")).doesNotExist();
  }

  @Test
  void dryRun_plansTheBatch_andWritesNothing() throws Exception {
    Release.Result result = release(Map.of(), true);

    assertThat(result.batch()).isNull();
    assertThat(result.prepared().batch().builds()).hasSize(2);
    assertThat(result.prepared().batch().commit()).isEqualTo(sha);
    assertThat(repo.resolve("dist")).doesNotExist();
    assertThat(repo.resolve(".crossbatch")).doesNotExist();
  }

  @Test
  void staleGeneratedFiles_areRegeneratedAndUsed_withoutCountingAsADirtyTree() throws Exception {
    Files.writeString(repo.resolve("buildspecs/buildspec.yml"), "# hand-edited, stale\n");
    git(repo, "commit", "-q", "-am", "stale buildspec");

    Release.Result result = release(Map.of(), false);

    assertThat(result.generated()).contains(new Generation.FileResult("buildspecs/buildspec.yml", Generation.State.UPDATED));
    assertThat(result.succeeded()).isTrue();
    try (Stream<Path> zips = Files.list(repo.resolve("dist"))) {
      assertThat(zips.filter(p -> p.toString().endsWith(".zip")).count()).isEqualTo(2);
    }
  }
}
