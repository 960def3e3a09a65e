package dev.crossbatch.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes keep or set modes where the file system has them, and work where it has none. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aReplacedFileKeepsItsMode_andANewOneIs0644() throws Exception {
    Path kept = dir.resolve("kept.sh");
    Files.writeString(kept, "old");
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rwxr-x---"));

    AtomicFiles.write(kept, "new");
    AtomicFiles.write(dir.resolve("fresh.txt"), "new");

    assertThat(kept).hasContent("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rwxr-x---");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fresh.txt")))).isEqualTo("rw-r--r--");
    assertThat(AtomicFiles.posix(kept)).isTrue();
  }

  @Test
  void onAFileSystemWithoutModes_writesAndReplaces_andSetModeIsANoOp() throws Exception {
    URI zip = URI.create("jar:" + dir.resolve("store.zip").toUri());
    try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
      Path file = fs.getPath("/sums/SHA256SUMS");
      assertThat(AtomicFiles.posix(file)).isFalse();

      AtomicFiles.write(file, "first\n");
      AtomicFiles.write(file, "second\n"); // replacing reads no mode from the old file
      AtomicFiles.setMode(file, PosixFilePermissions.fromString("rwx------"));

      assertThat(Files.readString(file)).isEqualTo("second\n");
      try (var names = Files.list(fs.getPath("/sums"))) {
        assertThat(names.map(p -> p.getFileName().toString())).containsExactly("SHA256SUMS");
      }
    }
  }
}
