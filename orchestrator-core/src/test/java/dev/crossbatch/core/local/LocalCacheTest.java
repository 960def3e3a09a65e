package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** cache.paths on this machine: folders of the source only, restored and saved whole, links left out. */
class LocalCacheTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(value = {
      "node_modules/**/*, node_modules",
      "vendor/**, vendor",
      "'.gradle/caches/', .gradle/caches",
      "deps, deps",
      "/root/.m2/**/*, ''",
      "~/.cache/pip/**/*, ''",
      "../outside/**/*, ''",
      "$HOME/go/pkg/**/*, ''",
      "build/*.o, ''",
  })
  void aCachePath_namesAFolderOfTheSource_orNothing(String path, String folder) {
    assertThat(LocalCache.folder(path)).isEqualTo(folder.isEmpty() ? Optional.empty() : Optional.of(folder));
  }

  @Test
  void savedFolders_comeBackInTheNextSource_withoutTheirLinks() throws Exception {
    List<String> notices = new ArrayList<>();
    LocalCache cache = new LocalCache(dir.resolve("cache"), List.of("deps/**/*", "/root/.m2/**/*"), notices::add);
    Path first = Files.createDirectories(dir.resolve("first"));
    Files.createDirectories(first.resolve("deps/a"));
    Files.writeString(first.resolve("deps/a/lib.txt"), "lib");
    Files.createSymbolicLink(first.resolve("deps/a/passwd"), Path.of("/etc/passwd"));
    Path second = Files.createDirectories(dir.resolve("second"));

    try (BuildLog log = new BuildLog(dir.resolve("log"), Clock.systemUTC())) {
      cache.restore(first, log);
      cache.save(first, log);
      cache.restore(second, log);
    }

    assertThat(second.resolve("deps/a/lib.txt")).hasContent("lib");
    assertThat(second.resolve("deps/a/passwd")).doesNotExist();
    assertThat(notices).containsExactly("cache path '/root/.m2/**/*' is not a folder inside the source; a local build does not cache it");
    assertThat(Files.readString(dir.resolve("log"))).contains("No local cache to restore yet", "Saved 1 cached folder(s)", "Restored 1 cached folder(s)");
  }
}
