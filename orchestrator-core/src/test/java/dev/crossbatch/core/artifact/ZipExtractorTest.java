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
  private static final ZipExtractor.Options SMALL = new ZipExtractor.Options(new ZipExtractor.Limits(10L << 20, 100, 50, 64 * 1024), false);
  private static final ZipExtractor.Options LINKS = new ZipExtractor.Options(SMALL.limits(), true);

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
  void aGoodZip_unpacksIntoItsFolder_keepingTheExecutableBit() throws IOException {
    ZipExtractor.extract(zip(E.file("hello", "binary"), E.file("docs/README.md", "read me")), target, SMALL);

    assertThat(Files.readString(target.resolve("hello"))).isEqualTo("binary");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("hello")))).isEqualTo("rwxr-xr-x");
    assertThat(everythingUnder(dest)).containsExactly("linux_amd64", "linux_amd64/docs", "linux_amd64/docs/README.md", "linux_amd64/hello");
  }

  @Test
  void aSymlink_isRefusedByDefault_namingTheFlagThatKeepsIt() throws IOException {
    Path zip = zip(E.file("hello", "binary"), new E("docs/latest", "README.md".getBytes(), true));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, SMALL));

    assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY);
    assertThat(e.getMessage()).isEqualTo("refused to unpack a.zip: entry 'docs/latest' is a symlink");
    assertThat(e.hint()).get().asString().contains("--allow-symlinks");
    assertThat(everythingUnder(tmp)).containsExactly("a.zip", "dest");
  }

  @Test
  void withSymlinksAllowed_aGoodZip_keepsItsLinksInside() throws IOException {
    ZipExtractor.extract(zip(E.file("hello", "binary"), E.file("docs/README.md", "read me"), new E("docs/latest", "README.md".getBytes(), true),
        new E("docs/later", "../docs/nothing-yet".getBytes(), true)), target, LINKS);

    assertThat(Files.readString(target.resolve("hello"))).isEqualTo("binary");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("hello")))).isEqualTo("rwxr-xr-x");
    assertThat(Files.readSymbolicLink(target.resolve("docs/latest"))).isEqualTo(Path.of("README.md"));
    assertThat(Files.readString(target.resolve("docs/latest"))).isEqualTo("read me");
    assertThat(everythingUnder(dest)).containsExactly("linux_amd64", "linux_amd64/docs", "linux_amd64/docs/README.md", "linux_amd64/docs/later",
        "linux_amd64/docs/latest", "linux_amd64/hello");
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
  @CsvSource({"../../outside", "/etc/passwd", "sub/../../..", "..", "C:/Windows"})
  void aSymlinkLeadingOut_isRefused_evenWhenLinksAreAllowed(String link) throws IOException {
    Path zip = zip(E.file("hello", "binary"), new E("escape", link.getBytes(), true));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, LINKS));

    assertThat(e.getMessage()).startsWith("refused to unpack a.zip: entry 'escape': it is a symlink to '" + link + "'");
    assertThat(everythingUnder(tmp)).containsExactly("a.zip", "dest");
  }

  /** Each looks inside the folder name by name, and leads out only once the links before it are followed. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "p -> . then e -> p/p/p/../..|e",
      "a -> b then b -> ..|a",
      "d -> sub/deeper then e -> d/../../..|e",
      "x -> y then y -> x|x",
  })
  void aSymlinkLeadingOutThroughOtherLinks_isRefused(String chain, String refused) throws IOException {
    String[] links = chain.split(" then ");
    E[] entries = new E[links.length + 1];
    entries[0] = E.file("sub/deeper/file", "x");
    for (int i = 0; i < links.length; i++) {
      String[] link = links[i].split(" -> ");
      entries[i + 1] = new E(link[0], link[1].getBytes(), true);
    }
    Path zip = zip(entries);

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, LINKS));

    assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY);
    assertThat(e.getMessage()).startsWith("refused to unpack a.zip: entry '" + refused + "': it is a symlink to ").endsWith("which leads outside the folder");
    assertThat(everythingUnder(tmp)).containsExactly("a.zip", "dest");
  }

  @ParameterizedTest(name = "{0} below a link")
  @CsvSource({"up/hello", "up/sub/", "up/sub/hello"})
  void anEntryOrFolderBelowASymlink_isRefused_soNothingIsWrittenThroughOne(String below) throws IOException {
    Path zip = zip(new E("up", ".".getBytes(), true), below.endsWith("/") ? new E(below, new byte[0], false) : E.file(below, "pwned"));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, LINKS));

    assertThat(e.getMessage()).isEqualTo("refused to unpack a.zip: entry '" + below + "': it would be written through the symlink 'up'");
    assertThat(everythingUnder(tmp)).containsExactly("a.zip", "dest");
  }

  @Test
  void aFileWhereALinkWillBe_isRefusedAsTwoEntriesForOneName() throws IOException {
    Path zip = zip(E.file("bin/hello", "x"), new E("bin", "..".getBytes(), true));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, LINKS));

    assertThat(e.getMessage()).startsWith("refused to unpack a.zip: entry 'bin/hello': it would be written through the symlink 'bin'");
    assertThat(everythingUnder(tmp)).containsExactly("a.zip", "dest");
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
  void manySmallEntriesOfZeros_areRefusedByTheArchiveRatio_thoughEachIsUnderTheEntryFloor() throws IOException {
    E[] zeros = new E[90];
    for (int i = 0; i < zeros.length; i++) {
      zeros[i] = new E("z" + i, new byte[60 * 1024], false);
    }
    Path zip = zip(zeros);

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, SMALL));

    assertThat(e.getMessage()).matches("refused to unpack a\\.zip: entry 'z\\d+': the zip inflates more than 50 times its size of \\d+ bytes \\(a zip bomb\\?\\)");
    assertThat(everythingUnder(tmp)).containsExactly("a.zip", "dest");
  }

  /** The bomb that passed before: many entries of 256 KiB of zeros, each under the per-entry floor, under the default limits. */
  @Test
  void theDefaultLimits_stopManyQuarterMegabytesOfZeros_farBeforeTheyAreWritten() throws IOException {
    Path zip = tmp.resolve("a.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
      byte[] zeros = new byte[256 * 1024];
      for (int i = 0; i < 1024; i++) {
        out.putArchiveEntry(new ZipArchiveEntry("z" + i));
        out.write(zeros);
        out.closeArchiveEntry();
      }
    }
    long zipSize = Files.size(zip);

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, ZipExtractor.Options.DEFAULT));

    assertThat(e.getMessage()).contains("the zip inflates more than 200 times its size of " + zipSize + " bytes");
    assertThat(everythingUnder(tmp)).containsExactly("a.zip", "dest");
  }

  @Test
  void moreThanTheTotalSize_isRefused() throws IOException {
    byte[] noise = new byte[4 << 20];
    new java.util.Random(1).nextBytes(noise);
    Path zip = zip(new E("a", noise, false), new E("b", noise, false), new E("c", noise, false));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> ZipExtractor.extract(zip, target, SMALL));

    assertThat(e.getMessage()).isEqualTo("refused to unpack a.zip: entry 'c': the zip inflates to more than 10485760 bytes (a zip bomb? --max-unpacked-size raises the bound)");
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
