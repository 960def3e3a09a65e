package dev.crossbatch.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile tar.gz files: none writes outside the folder, fills the disk, or leaves anything under the final name. */
class TarExtractorTest {
  private static final ZipExtractor.Options SMALL = new ZipExtractor.Options(new ZipExtractor.Limits(10L << 20, 100, 50, 64 * 1024), false);

  @TempDir Path tmp;
  private Path target;

  @BeforeEach
  void folders() throws IOException {
    target = Files.createDirectories(tmp.resolve("dest")).resolve("linux_amd64");
  }

  /** One entry: its name, its content (a link's target for a link), its type flag. */
  private record E(String name, String content, byte type) {
    static E file(String name, String content) {
      return new E(name, content, TarConstants.LF_NORMAL);
    }
  }

  private Path tarGz(E... entries) throws IOException {
    Path file = tmp.resolve("a.tar.gz");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(file)))) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (E e : entries) {
        TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
        byte[] bytes = e.content().getBytes(StandardCharsets.UTF_8);
        if (e.type() == TarConstants.LF_NORMAL) {
          entry.setSize(bytes.length);
          entry.setMode(e.name().endsWith(".sh") || !e.name().contains(".") ? 0100755 : 0100644);
        } else if (e.type() == TarConstants.LF_SYMLINK || e.type() == TarConstants.LF_LINK) {
          entry.setLinkName(e.content());
        }
        out.putArchiveEntry(entry);
        if (e.type() == TarConstants.LF_NORMAL) {
          out.write(bytes);
        }
        out.closeArchiveEntry();
      }
    }
    return file;
  }

  @Test
  void anArchiveCrossbatchMakes_unpacksWithItsPathsAndModes() throws Exception {
    Path archive = tarGz(new E("docs/", "", TarConstants.LF_DIR), E.file("docs/guide/intro.md", "# hi\n"), E.file("hello", "#!/bin/sh\n"),
        E.file("LICENSE.txt", "MIT\n"));

    TarExtractor.extract(archive, target, SMALL);

    assertThat(target.resolve("docs/guide/intro.md")).hasContent("# hi");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("hello")))).isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("LICENSE.txt")))).isEqualTo("rw-r--r--");
    assertThat(tmp.resolve("dest")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "../evil.sh              | the name climbs out with '..'",
      "docs/../../evil.sh      | the name climbs out with '..'",
      "/etc/evil.sh            | the name is absolute",
      "C:/evil.sh              | the name is absolute",
      "docs\\..\\evil.sh       | backslashes in names are not portable"})
  void namesThatLeaveTheFolder_areRefused_andNothingIsLeft(String name, String why) throws Exception {
    Path archive = tarGz(E.file("ok.txt", "fine"), E.file(name, "pwned"));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> TarExtractor.extract(archive, target, SMALL));

    assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY);
    assertThat(e.getMessage()).contains("refused to unpack a.tar.gz", why);
    assertNothingLeft();
  }

  @Test
  void linksDevicesAndDuplicates_areRefused() throws Exception {
    for (E hostile : new E[] {new E("link", "/etc/passwd", TarConstants.LF_SYMLINK), new E("hard", "/etc/passwd", TarConstants.LF_LINK),
        new E("fifo", "", TarConstants.LF_FIFO), new E("dev", "", TarConstants.LF_CHR)}) {
      Path archive = tarGz(E.file("ok.txt", "fine"), hostile);
      CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> TarExtractor.extract(archive, target, SMALL));
      assertThat(e).as(hostile.name()).isNotNull();
      assertThat(e.getMessage()).contains("entry '" + hostile.name() + "'");
      assertNothingLeft();
    }
    Path twice = tarGz(E.file("hello", "one"), E.file("hello", "two"));
    assertThat(catchThrowableOfType(CrossbatchException.class, () -> TarExtractor.extract(twice, target, SMALL)).getMessage())
        .contains("the name appears twice");
    assertNothingLeft();
  }

  @Test
  void aBomb_isStoppedAtTheBound_andNothingIsLeft() throws Exception {
    Path archive = tarGz(E.file("zeros", "\0".repeat(8 << 20)));
    assertThat(Files.size(archive)).isLessThan(64 * 1024);

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> TarExtractor.extract(archive, target, SMALL));

    assertThat(e.getMessage()).contains("times its size", "a bomb");
    assertNothingLeft();
  }

  @Test
  void aTruncatedArchive_isAnIntegrityError_andNothingIsLeft() throws Exception {
    Path archive = tarGz(E.file("hello", "x".repeat(100_000)));
    byte[] bytes = Files.readAllBytes(archive);
    Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> TarExtractor.extract(archive, target, SMALL));

    assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY);
    assertThat(e.getMessage()).startsWith("cannot unpack a.tar.gz");
    assertNothingLeft();
  }

  private void assertNothingLeft() throws IOException {
    try (Stream<Path> left = Files.list(tmp.resolve("dest"))) {
      assertThat(left).isEmpty();
    }
  }
}
