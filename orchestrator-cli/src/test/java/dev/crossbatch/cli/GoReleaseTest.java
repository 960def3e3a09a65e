package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance run: crossbatch release on a copy of examples/hello-go, with the real Go toolchain. */
class GoReleaseTest {

  @Test
  void release_ofTheExample_givesSixVerifiedZipsByCommit_andTheSameChecksumsTwice(@TempDir Path tmp) throws Exception {
    Path repo = Example.copyTo(tmp.resolve("hello"));
    String sha = Example.commitAll(repo);
    String sha7 = sha.substring(0, 7);

    Run first = Cli.run(repo, "release");

    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    Path dist = repo.resolve("dist");
    try (Stream<Path> files = Files.list(dist)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".zip")).sorted())
          .containsExactly(
              "hello_darwin_amd64_" + sha7 + ".zip", "hello_darwin_arm64_" + sha7 + ".zip",
              "hello_linux_amd64_" + sha7 + ".zip", "hello_linux_arm64_" + sha7 + ".zip",
              "hello_windows_amd64_" + sha7 + ".zip", "hello_windows_arm64_" + sha7 + ".zip");
    }
    assertThat(Processes.ok(dist, "sha256sum", "-c", "SHA256SUMS")).contains("hello_linux_amd64_" + sha7 + ".zip: OK");

    Path unzipped = Files.createDirectories(tmp.resolve("unzipped"));
    Processes.ok(tmp, "unzip", "-q", dist.resolve("hello_linux_amd64_" + sha7 + ".zip").toString(), "-d", unzipped.toString());
    assertThat(Processes.ok(unzipped, unzipped.resolve("hello").toString()))
        .isEqualTo("hello " + sha7 + " (commit " + sha + ") linux/amd64\n");

    for (String arch : List.of("amd64", "arm64")) {
      try (ZipFile zip = ZipFile.builder().setPath(dist.resolve("hello_windows_" + arch + "_" + sha7 + ".zip")).get()) {
        assertThat(Collections.list(zip.getEntries())).extracting(ZipArchiveEntry::getName).containsExactly("hello.exe");
      }
    }

    String sums = Files.readString(dist.resolve("SHA256SUMS"));
    Run second = Cli.run(repo, "release");
    assertThat(second.exit()).as(second.err()).isZero();
    // the same zips and SBOMs; the provenance is each run's own
    assertThat(Cli.withoutProvenance(Files.readString(dist.resolve("SHA256SUMS")))).isEqualTo(Cli.withoutProvenance(sums)).contains(".zip.cdx.json");
  }

  @Test
  void quotedLdflagsAndFlags_reachGoAsTheShellUserMeantThem(@TempDir Path tmp) throws Exception {
    Path repo = Example.copyTo(tmp.resolve("hello"));
    String config = Files.readString(repo.resolve("crossbatch.yml"))
        .replaceAll("(?s)platforms:.*?\n\n", "platforms: [linux/amd64]\n\n")
        .replace("ldflags: -s -w -X main.version={version} -X main.commit={commit}",
            "ldflags: -s -w -extldflags '-static' -X \"main.version={version} built\" -X main.commit={commit}\n"
                + "flags: [-trimpath, \"-gcflags='all=-N -l'\"]");
    Files.writeString(repo.resolve("crossbatch.yml"), config);
    String sha = Example.commitAll(repo);

    Run run = Cli.run(repo, "release");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(Files.readString(repo.resolve("buildspecs/buildspec.yml")))
        .contains("go build -trimpath '-gcflags=all=-N -l' -ldflags \"-s -w -extldflags -static -X 'main.version=${VERSION} built'");
    Path unzipped = Files.createDirectories(tmp.resolve("unzipped"));
    Processes.ok(tmp, "unzip", "-q", repo.resolve("dist/hello_linux_amd64_" + sha.substring(0, 7) + ".zip").toString(), "-d", unzipped.toString());
    assertThat(Processes.ok(unzipped, unzipped.resolve("hello").toString()))
        .isEqualTo("hello " + sha.substring(0, 7) + " built (commit " + sha + ") linux/amd64\n");
  }
}
