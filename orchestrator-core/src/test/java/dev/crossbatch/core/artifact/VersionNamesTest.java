package dev.crossbatch.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.local.LocalArtifactStore;
import dev.crossbatch.core.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zips named by version alone ({name}_{version}_{os}_{arch}) are found by their commit through the
 * manifest.json of their release, never by guessing; and any zip by its version.
 */
class VersionNamesTest {
  static final String V1 = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  static final String V2 = "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

  @TempDir Path store;

  ArtifactName naming() throws Exception {
    return ArtifactName.parse("{name}_{version}_{os}_{arch}");
  }

  @Test
  void versionNames_getTheirCommitFromTheManifestBesideThem_andAreSelectedByCommitOrVersion() throws Exception {
    zip("goawk_v1.30.0_linux_amd64.zip");
    zip("goawk_v1.30.1_linux_amd64.zip");
    zip("goawk_v1.30.1_windows_amd64.zip");
    zip("goawk_v1.29.0_linux_amd64.zip"); // no manifest names it
    manifest("goawk_1111111_manifest.json", V1, "v1.30.0", "goawk_v1.30.0_linux_amd64.zip");
    manifest("goawk_2222222_manifest.json", V2, "v1.30.1", "goawk_v1.30.1_linux_amd64.zip", "goawk_v1.30.1_windows_amd64.zip");

    ArtifactCatalog catalog = ArtifactCatalog.read(new LocalArtifactStore(store), naming(), "goawk");

    assertThat(catalog.select(new ArtifactFilter("2222222", List.of(), false))).extracting(ArtifactCatalog.Entry::fileName)
        .containsExactlyInAnyOrder("goawk_v1.30.1_linux_amd64.zip", "goawk_v1.30.1_windows_amd64.zip");
    assertThat(catalog.select(new ArtifactFilter(V1, List.of(), false))).extracting(ArtifactCatalog.Entry::fileName)
        .containsExactly("goawk_v1.30.0_linux_amd64.zip");
    assertThat(catalog.select(new ArtifactFilter(null, List.of(Platform.of("linux", "amd64")), false, "v1.30.1")))
        .extracting(ArtifactCatalog.Entry::fileName, ArtifactCatalog.Entry::commit)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("goawk_v1.30.1_linux_amd64.zip", V2));
    // its version is in its name, its commit nowhere: listed, but no --commit finds it
    assertThat(catalog.artifacts()).filteredOn(e -> e.version().equals("v1.29.0")).singleElement()
        .satisfies(e -> assertThat(e.commit()).isEmpty());
    assertThat(catalog.select(new ArtifactFilter("0000000", List.of(), false))).isEmpty();
  }

  @Test
  void commitNames_getTheirVersionFromTheManifest_whenAskedByVersion() throws Exception {
    ArtifactName byCommit = ArtifactName.defaultName();
    zip("hello_linux_amd64_1111111.zip");
    zip("hello_linux_amd64_2222222.zip");
    manifest("manifest.json", V2, "v0.2.0", "hello_linux_amd64_2222222.zip");

    ArtifactFilter v020 = new ArtifactFilter(null, List.of(), false, "v0.2.0");
    ArtifactCatalog catalog = ArtifactCatalog.read(new LocalArtifactStore(store), byCommit, "hello", v020);

    assertThat(catalog.select(v020)).extracting(ArtifactCatalog.Entry::fileName).containsExactly("hello_linux_amd64_2222222.zip");
  }

  @Test
  void manifestsThatAreNotOurs_areIgnored_andTheirZipsStayWithoutACommit() throws Exception {
    zip("goawk_v1.30.1_linux_amd64.zip");
    Files.writeString(store.resolve("broken_manifest.json"), "{\"commit\": \"" + V1 + "\", \"artifacts\": [{\"file\": ");
    manifest("notasha_manifest.json", "main; rm -rf /", "v1.30.1", "goawk_v1.30.1_linux_amd64.zip");
    Files.writeString(store.resolve("array_manifest.json"), "[1, 2, 3]");
    Files.write(store.resolve("huge_manifest.json"), new byte[(ReleaseIndex.MAX_MANIFEST_BYTES) + 1]);

    ArtifactCatalog catalog = ArtifactCatalog.read(new LocalArtifactStore(store), naming(), "goawk");

    assertThat(catalog.artifacts()).singleElement().satisfies(e -> assertThat(e.commit()).isEmpty());
  }

  @Test
  void versionExcludesCommitAndLatest() {
    assertThatThrownBy(() -> new ArtifactFilter("1111111", List.of(), false, "v1.0.0")).isInstanceOf(CrossbatchException.class)
        .hasMessageContaining("--version picks one release");
    assertThatThrownBy(() -> new ArtifactFilter(null, List.of(), true, "v1.0.0")).isInstanceOf(CrossbatchException.class);
  }

  void zip(String name) throws Exception {
    Files.writeString(store.resolve(name), "zip of " + name);
  }

  void manifest(String file, String commit, String version, String... zips) throws Exception {
    StringBuilder artifacts = new StringBuilder();
    for (String zip : zips) {
      artifacts.append(artifacts.length() == 0 ? "" : ", ").append("{\"platform\": \"x\", \"file\": \"").append(zip).append("\", \"size\": 1}");
    }
    Files.writeString(store.resolve(file), "{\"schema\": 1, \"name\": \"n\", \"version\": \"" + version + "\", \"commit\": \"" + commit
        + "\", \"tools\": {\"go\": \"1.19\"}, \"artifacts\": [" + artifacts + "]}\n");
  }
}
