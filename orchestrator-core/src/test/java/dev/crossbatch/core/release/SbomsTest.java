package dev.crossbatch.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomsTest {
  private static final long MIB = 1 << 20;
  private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

  @TempDir Path dist;

  @Test
  void write_manyArchivesAtOnce_keepsTheManifestsOrder_andABrokenOneFailsTheWholeStepByName() throws Exception {
    List<Manifest.Entry> entries = new ArrayList<>();
    for (String platform : List.of("linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64")) {
      String[] p = platform.split("/");
      String file = "hello_" + p[0] + "_" + p[1] + "_3f9c2e1.zip";
      try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(dist.resolve(file))) {
        zip.putArchiveEntry(new ZipArchiveEntry("README.md"));
        zip.write(("hello for " + platform).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
      }
      entries.add(new Manifest.Entry(platform, p[0], p[1], "", p[0] + "_" + p[1], file, Files.size(dist.resolve(file)),
          "0".repeat(64), "hello-release:1", T0, T0, null, null));
    }
    Manifest manifest = new Manifest(Manifest.SCHEMA, "hello", "v1.0.0", "3f9c2e1", false, "local", "hello-release", "b", T0, Map.of(), entries);

    Manifest written = Sboms.write(dist, manifest, new EarlySboms());

    assertThat(written.artifacts()).extracting(Manifest.Entry::file).containsExactlyElementsOf(entries.stream().map(Manifest.Entry::file).toList());
    for (Manifest.Entry e : written.artifacts()) {
      assertThat(dist.resolve(e.sbom())).exists();
      assertThat(e.sbomSha256()).isEqualTo(dev.crossbatch.core.artifact.Checksums.sha256(dist.resolve(e.sbom())));
    }

    Files.write(dist.resolve(entries.get(3).file()), new byte[] {'P', 'K', 3, 4, 9, 9, 9});
    assertThatThrownBy(() -> Sboms.write(dist, manifest, new EarlySboms())).isInstanceOfSatisfying(CrossbatchException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY)).hasMessageContaining("cannot write the SBOM of hello_darwin_arm64_3f9c2e1.zip");
    // the other threads have stopped by the time the failure is reported: no file is being written
    try (var files = Files.list(dist)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  @Test
  void threads_onePerCoreAndArchive_asFarAsAQuarterOfTheHeapHoldsTheLargestArchivesBinaries() {
    assertThat(Sboms.threads(2 * MIB, 2, 6144 * MIB, 6)).as("small zips, two cores").isEqualTo(2);
    assertThat(Sboms.threads(2 * MIB, 8, 6144 * MIB, 3)).as("no more threads than archives").isEqualTo(3);
    assertThat(Sboms.threads(100 * MIB, 8, 1024 * MIB, 6)).as("100 MiB zips, 1 GiB heap: 400 MiB binaries, 256 MiB free").isEqualTo(1);
    assertThat(Sboms.threads(30 * MIB, 8, 1024 * MIB, 6)).as("30 MiB zips, 1 GiB heap").isEqualTo(2);
    assertThat(Sboms.threads(0, 2, 6144 * MIB, 1)).isEqualTo(1);
  }
}
