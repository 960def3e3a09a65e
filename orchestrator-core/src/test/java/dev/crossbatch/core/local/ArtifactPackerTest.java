package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.buildspec.Buildspec;
import dev.crossbatch.core.local.ArtifactPacker.ArtifactException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactPackerTest {
  static final long COMMIT_TIME = Instant.parse("2026-11-21T12:34:56Z").toEpochMilli();
  @TempDir Path dir;

  private Path file(String path, String content, boolean executable) throws Exception {
    Path file = dir.resolve("src").resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-x---" : "rw-------"));
    return file;
  }

  private static Buildspec.Artifacts spec(List<String> files, String base, boolean discard, List<String> exclude) {
    return new Buildspec.Artifacts(files, null, discard, base, exclude, Map.of());
  }

  private Map<String, Path> select(Buildspec.Artifacts spec) throws Exception {
    return ArtifactPacker.select(dir.resolve("src"), spec);
  }

  @Test
  void deflatesAtLevel5_asDecidedForSpeed_notZlibsDefault() throws Exception {
    // half text, half noise, like a binary: levels 5 and 6 give different sizes for it
    java.util.Random random = new java.util.Random(42);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 20000; i++) {
      bytes.writeBytes(("func main_" + random.nextInt(500) + " runtime.gopanic ").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] noise = new byte[random.nextInt(24)];
      random.nextBytes(noise);
      bytes.writeBytes(noise);
    }
    byte[] binary = bytes.toByteArray();
    Path file = Files.write(dir.resolve("hello"), binary);

    ArtifactPacker.pack(Map.of("hello", file), dir.resolve("out/hello.zip"), COMMIT_TIME);

    try (ZipFile zip = ZipFile.builder().setPath(dir.resolve("out/hello.zip")).get()) {
      long stored = zip.getEntry("hello").getCompressedSize();
      assertThat(stored).isEqualTo(deflated(binary, 5)).isNotEqualTo(deflated(binary, 6));
    }
  }

  private static long deflated(byte[] bytes, int level) {
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(level, true);
    deflater.setInput(bytes);
    deflater.finish();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    while (!deflater.finished()) {
      total += deflater.deflate(buffer);
    }
    deflater.end();
    return total;
  }

  @Test
  void pack_sameInputs_giveTheSameBytes_inAnyTimeZone_andKeepTheExecutableBit() throws Exception {
    file("dist/hello", "#!/bin/sh\necho hi\n", true);
    file("dist/README.txt", "read me\n", false);
    Map<String, Path> entries = select(spec(List.of("dist/*"), null, true, List.of()));

    ArtifactPacker.Packed first = ArtifactPacker.pack(entries, dir.resolve("out/a.zip"), COMMIT_TIME);
    TimeZone original = TimeZone.getDefault();
    ArtifactPacker.Packed second;
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      second = ArtifactPacker.pack(entries, dir.resolve("out/b.zip"), COMMIT_TIME);
    } finally {
      TimeZone.setDefault(original);
    }

    assertThat(Files.readAllBytes(second.file())).isEqualTo(Files.readAllBytes(first.file()));
    assertThat(first.sha256()).isEqualTo(second.sha256()).hasSize(64);
    assertThat(first.size()).isEqualTo(Files.size(first.file()));
    try (ZipFile zip = ZipFile.builder().setPath(first.file()).get()) {
      List<ZipArchiveEntry> read = Collections.list(zip.getEntries());
      assertThat(read).extracting(ZipArchiveEntry::getName).containsExactly("README.txt", "hello");
      assertThat(read).extracting(e -> Integer.toOctalString(e.getUnixMode())).containsExactly("100644", "100755");
    }
    Path unzipped = Files.createDirectories(dir.resolve("unzipped"));
    Process unzip = new ProcessBuilder("unzip", "-q", first.file().toString(), "-d", unzipped.toString()).inheritIO().start();
    assertThat(unzip.waitFor()).isZero();
    assertThat(Files.isExecutable(unzipped.resolve("hello"))).isTrue();
    assertThat(Files.isExecutable(unzipped.resolve("README.txt"))).isFalse();
    Process zipinfo = new ProcessBuilder("unzip", "-Z", "-T", first.file().toString(), "hello").start();
    assertThat(new String(zipinfo.getInputStream().readAllBytes())).contains("20261121.123456");
  }

  @Test
  void select_baseDirectoryExamplesOfTheBuildspecReference() throws Exception {
    file("my-build1/my-file1.txt", "1", false);
    file("my-build2/my-file2.txt", "2", false);
    file("my-build2/my-subdirectory/my-file3.txt", "3", false);

    assertThat(select(spec(List.of("*/my-file3.txt"), "my-build2", false, List.of())).keySet())
        .containsExactly("my-subdirectory/my-file3.txt");
    assertThat(select(spec(List.of("**/*"), "my-build*", true, List.of())).keySet())
        .containsExactly("my-file1.txt", "my-file2.txt", "my-file3.txt");
  }

  @Test
  void select_excludePaths_dropMatchesRelativeToTheBaseDirectory() throws Exception {
    file("out/app", "a", true);
    file("out/app.debug", "d", false);
    file("out/tmp/cache", "c", false);

    assertThat(select(spec(List.of("**/*"), "out", false, List.of("*.debug", "tmp/**/*"))).keySet()).containsExactly("app");
  }

  @Test
  void select_discardPathsCollision_isRefusedNamingBothFiles() throws Exception {
    file("a/hello", "1", true);
    file("b/hello", "2", true);

    assertThatThrownBy(() -> select(spec(List.of("**/hello"), null, true, List.of())))
        .isInstanceOf(ArtifactException.class)
        .hasMessage("two files would be stored as 'hello' in the zip: a/hello and b/hello (discard-paths drops their folders)");
  }

  @Test
  void select_nothingMatched_isCodeBuildsNoMatchingArtifactPaths() throws Exception {
    file("dist/other", "x", false);

    assertThatThrownBy(() -> select(spec(List.of("dist/hello", "dist/hello.exe"), null, true, List.of())))
        .isInstanceOf(ArtifactException.class)
        .hasMessage("no matching artifact paths found: files [dist/hello, dist/hello.exe] matched nothing in the source folder");
  }

  @Test
  void select_patternLeavingTheSource_isRefused() throws Exception {
    file("dist/hello", "x", true);

    assertThatThrownBy(() -> select(spec(List.of("../secret"), null, false, List.of())))
        .isInstanceOf(ArtifactException.class)
        .hasMessage("artifact path '../secret' leaves the source folder; use paths relative to it");
  }

  @Test
  void pack_failingHalfway_leavesNeitherAPartNorAFinalFile() throws Exception {
    Path vanishing = file("dist/hello", "x", true);
    Map<String, Path> entries = new java.util.TreeMap<>(select(spec(List.of("dist/*"), null, true, List.of())));
    Files.delete(vanishing);
    Path target = dir.resolve("out/hello.zip");

    assertThatThrownBy(() -> ArtifactPacker.pack(entries, target, COMMIT_TIME)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    try (var files = Files.list(target.getParent())) {
      assertThat(new ArrayList<>(files.toList())).isEmpty();
    }
  }
}
