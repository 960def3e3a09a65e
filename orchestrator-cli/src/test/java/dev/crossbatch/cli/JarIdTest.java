package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarIdTest {
  @TempDir Path dir;

  @Test
  void aJarOfTheSameSizeAndTimeButOtherBytes_getsAnotherId() throws Exception {
    Path jar = Files.writeString(dir.resolve("crossbatch.jar"), "classes, first build");
    FileTime reproducible = FileTime.fromMillis(1767225600000L);
    Files.setLastModifiedTime(jar, reproducible);
    String first = JarId.of(jar);

    Files.writeString(jar, "classes, other build");
    Files.setLastModifiedTime(jar, reproducible);

    assertThat(JarId.of(jar)).matches("[0-9a-f]{16}").isNotEqualTo(first);
    JarId.main(new String[] {jar.toString(), dir.resolve("crossbatch.jar.id").toString()});
    assertThat(Files.readString(dir.resolve("crossbatch.jar.id"))).isEqualTo(JarId.of(jar) + "\n");
  }
}
