package dev.crossbatch.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZipExtractorTest {
  private static final ZipExtractor.Limits SMALL = new ZipExtractor.Limits(10L << 20, 100, 50, 64 * 1024);

  @TempDir Path tmp;
  private Path dest;
  private Path target;

  @BeforeEach
  void folders() throws IOException {
    dest = Files.createDirectories(tmp.resolve("dest"));
    target = dest.resolve("linux_amd64");
  }

  /** An entry: a name, its content, and whether it is a symlink (content = target). */
  private record E(String name, byte[] content, boolean link) {
    static E file(String name, String content) {
      return new E(name, content.getBytes(StandardCharsets.UTF_8), false);
    }
  }

  private Path zip(E... entries) throws IOException {
    Path zip = tmp.resolve("a.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
      for (E e : entries) {
        ZipArchiveEntry entry = new ZipArchiveEntry(e.name());
        entry.setUnixMode(e.link() ? UnixStat.LINK_FLAG | 0777 : UnixStat.FILE_FLAG | 0755);
        out.putArchiveEntry(entry);
        out.write(e.content());
        out.closeArchiveEntry();
      }
    }
    return zip;
  }

  private List<String> everythingUnder(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.map(p -> dir.relativize(p).toString()).filter(s -> !s.isEmpty()).sorted().toList();
    }
  }

  @Test
  void aGoodZip_unpacksIntoItsFolder_keepingTheExecutableBit_andSafeSymlinks() throws IOException {
    ZipExtractor.extract(zip(E.file("hello", "binary"), E.file("docs/README.md", "read me"), new E("docs/latest", "README.md".getBytes(), true)), target, SMALL);

    assertThat(Files.readString(target.resolve("hello"))).isEqualTo("binary");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("hello")))).isEqualTo("rwxr-xr-x");
    assertThat(Files.readSymbolicLink(target.resolve("docs/latest"))).isEqualTo(Path.of("README.md"));
    assertThat(everythingUnder(dest)).containsExactly("linux_amd64", "linux_amd64/docs", "linux_amd64/docs/README.md", "linux_amd64/docs/latest", "linux_amd64/hello");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "../evil|the name climbs out with '..'",
      "a/../../evil|the name climbs out with '..'",
      "/etc/evil|the name is absolute",
      "C:/evil|the name is absolute",
      "..\\evil|the name climbs out with '..'", // commons-compress reads a backslash as '/'
      "a/./../../evil|the name climbs out with '..'",
  })
  void aNameThatLeavesTheFolder_isRefused_andNothingIsWritten(String name, String why) throws IOException {
    Path zip = zip(E.file("hello", "binary"), E.file(name, "pwned"));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, SMALL));

    assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY);
    assertThat(e.getMessage()).contains(why);
    assertThat(everythingUnder(tmp)).containsExactly("a.zip", "dest");
  }

  @ParameterizedTest(name = "symlink to {0}")
  @CsvSource({"../../outside", "/etc/passwd", "sub/../../.."})
  void aSymlinkLeadingOut_isRefused(String link) throws IOException {
    Path zip = zip(E.file("hello", "binary"), new E("escape", link.getBytes(), true));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, SMALL));

    assertThat(e.getMessage()).isEqualTo("refused to unpack a.zip: entry 'escape': it is a symlink to " + link + ", outside the folder");
    assertThat(everythingUnder(tmp)).containsExactly("a.zip", "dest");
  }

  @Test
  void anEntryBelowASymlinkToTheFolderItself_staysInside() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path zip = zip(new E("up", ".".getBytes(), true), E.file("up/hello", "fine"));
    ZipExtractor.extract(zip, target, SMALL);
    assertThat(Files.readString(target.resolve("hello"))).isEqualTo("fine");
    assertThat(everythingUnder(outside)).isEmpty();
  }

  @Test
  void duplicateEntries_areRefused() throws IOException {
    Path zip = zip(E.file("hello", "one"), E.file("hello", "two"));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, SMALL));

    assertThat(e.getMessage()).isEqualTo("refused to unpack a.zip: entry 'hello': the name appears twice");
    assertThat(target).doesNotExist();
  }

  @Test
  void aHighlyCompressedEntry_isRefusedAsABomb_onTheBytesActuallyInflated() throws IOException {
    Path zip = zip(new E("zeros", new byte[5 << 20], false));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, SMALL));

    assertThat(e.getMessage()).isEqualTo("refused to unpack a.zip: entry 'zeros': it inflates more than 50 times its compressed size (a zip bomb?)");
    assertThat(everythingUnder(tmp)).containsExactly("a.zip", "dest");
  }

  @Test
  void moreThanTheTotalSize_isRefused() throws IOException {
    byte[] noise = new byte[4 << 20];
    new java.util.Random(1).nextBytes(noise);
    Path zip = zip(new E("a", noise, false), new E("b", noise, false), new E("c", noise, false));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, SMALL));

    assertThat(e.getMessage()).isEqualTo("refused to unpack a.zip: entry 'c': the zip inflates to more than 10485760 bytes (a zip bomb?)");
    assertThat(target).doesNotExist();
  }

  @Test
  void tooManyEntries_areRefusedBeforeAnyIsWritten() throws IOException {
    E[] many = new E[101];
    for (int i = 0; i < many.length; i++) {
      many[i] = E.file("f" + i, "x");
    }
    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip(many), target, SMALL));

    assertThat(e.getMessage()).isEqualTo("refused to unpack a.zip: it has 101 entries, more than 100");
    assertThat(everythingUnder(tmp)).containsExactly("a.zip", "dest");
  }

  @Test
  void aDamagedZip_isAnIntegrityError() throws IOException {
    Path zip = tmp.resolve("a.zip");
    try (OutputStream out = Files.newOutputStream(zip)) {
      out.write("not a zip at all".getBytes());
    }
    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, SMALL));
    assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY);
    assertThat(e.getMessage()).startsWith("cannot unpack a.zip: ");
    assertThat(target).doesNotExist();
  }

  @Test
  void extractingAgain_replacesTheFolderWhole() throws IOException {
    ZipExtractor.extract(zip(E.file("old", "1")), target, SMALL);
    ZipExtractor.extract(zip(E.file("new", "2")), target, SMALL);
    assertThat(everythingUnder(target)).containsExactly("new");
  }
}
