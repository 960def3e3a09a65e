package dev.crossbatch.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.sbom.ArchiveBinaries;
import java.nio.charset.StandardCharsets;
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

class EarlySbomsTest {
  private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
  private static final String FILE = "hello_linux_amd64_3f9c2e1.zip";

  @TempDir Path dist;

  @Test
  void aZipReadAsItsBuildSucceeds_givesItsSbomWhatWasReadThen_onlyForTheShaItHadThroughout() throws Exception {
    byte[] first = elf("first build");
    byte[] second = elf("the zip written again since");
    Path zip = zip(first);
    String sha = Checksums.sha256(zip);
    List<BatchSnapshot> told = new ArrayList<>();
    try (EarlySboms early = new EarlySboms()) {
      early.watching(told::add).accept(snapshot("SUCCEEDED", zip, sha));
      assertThat(early.binaries(zip, sha)).as("waits for the read under way").get()
          .satisfies(binaries -> assertThat(binaries).singleElement().extracting(ArchiveBinaries.Binary::sha256).isEqualTo(Checksums.sha256Hex(first)));
      zip(second);
      String now = Checksums.sha256(zip);

      // the SHA-256 verified after the batch is the one read early: its SBOM is what was read then
      String kept = sbom(early, sha);
      // another one: the zip is read again
      String readAgain = sbom(early, now);

      assertThat(told).as("the release's own listener is told each snapshot").hasSize(1);
      assertThat(early.binaries(zip, now)).isEmpty();
      assertThat(kept).contains(Checksums.sha256Hex(first)).doesNotContain(Checksums.sha256Hex(second));
      assertThat(readAgain).contains(Checksums.sha256Hex(second)).doesNotContain(Checksums.sha256Hex(first));
    }
  }

  @Test
  void aBuildThatDidNotSucceed_startsNoRead_andAZipThatCannotBeReadGivesNone() throws Exception {
    Path zip = zip(elf("failed build"));
    String sha = Checksums.sha256(zip);
    try (EarlySboms early = new EarlySboms()) {
      early.watching(s -> { }).accept(snapshot("FAILED", zip, sha));
      assertThat(early.binaries(zip, sha)).isEmpty();
    }
    Files.write(zip, new byte[] {'P', 'K', 3, 4, 9, 9, 9});
    assertThat(EarlySboms.read(zip)).as("left to the read after the batch, which says what is wrong").isEmpty();
    assertThat(EarlySboms.read(dist.resolve("missing.zip"))).isEmpty();
  }

  /** The SBOM written after the batch for the zip, verified with {@code sha}. */
  private String sbom(EarlySboms early, String sha) throws Exception {
    Manifest.Entry entry = new Manifest.Entry("linux/amd64", "linux", "amd64", "", "linux_amd64", FILE, Files.size(dist.resolve(FILE)), sha,
        "hello-release:1", T0, T0, null, null);
    Manifest manifest = new Manifest(Manifest.SCHEMA, "hello", "v1.0.0", "3f9c2e1", false, "local", "hello-release", "b", T0, Map.of(), List.of(entry));
    Manifest written = Sboms.write(dist, manifest, early);
    return Files.readString(dist.resolve(written.artifacts().get(0).sbom()));
  }

  private static BatchSnapshot snapshot(String status, Path zip, String sha) throws Exception {
    BuildRun build = new BuildRun("linux_amd64", "hello-release:b1", status, "COMPLETED", T0, T0, 1, false, List.of(), Map.of(), List.of(),
        new BuildRun.Artifact(zip.toString(), Files.size(zip), sha), null, null);
    return new BatchSnapshot("hello-release:1", "local", "hello-release", status, status, "", "3f9c2e1", "v1.0.0", false, T0, T0, true, null,
        List.of(build), null);
  }

  /** An executable's first bytes (ELF) and a text that tells two apart. */
  private static byte[] elf(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[64 + body.length];
    bytes[0] = 0x7f;
    bytes[1] = 'E';
    bytes[2] = 'L';
    bytes[3] = 'F';
    System.arraycopy(body, 0, bytes, 64, body.length);
    return bytes;
  }

  private Path zip(byte[] binary) throws Exception {
    Path zip = dist.resolve(FILE);
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      out.putArchiveEntry(new ZipArchiveEntry("hello"));
      out.write(binary);
      out.closeArchiveEntry();
    }
    return zip;
  }
}
