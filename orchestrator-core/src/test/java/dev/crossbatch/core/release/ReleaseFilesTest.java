package dev.crossbatch.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReleaseFilesTest {
  @Test
  void originsBecomeUrisAsProvenanceNamesThem() {
    Path dir = Path.of("/work/app");
    assertEquals("https://github.com/org/app.git", ReleaseFiles.repositoryUri("https://github.com/org/app.git", dir));
    assertEquals("ssh://git@github.com/org/app.git", ReleaseFiles.repositoryUri("git@github.com:org/app.git", dir));
    assertEquals("ssh://gitserver/srv/app.git", ReleaseFiles.repositoryUri("gitserver:srv/app.git", dir));
    assertEquals("file:///srv/mirror/app.git", ReleaseFiles.repositoryUri("/srv/mirror/app.git", dir));
    assertEquals("file:///work/mirror/app", ReleaseFiles.repositoryUri("../mirror/app", dir));
  }
}
