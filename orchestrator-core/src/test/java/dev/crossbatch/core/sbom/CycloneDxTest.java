package dev.crossbatch.core.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.golang.GoFixture;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CycloneDxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void aTarGzWithTwoBinariesListsExactlyTheModulesLinkedIntoEach() throws Exception {
    Path archive = tarGz(tmp.resolve("tool_linux_amd64_abcdef0.tar.gz"), Map.of(
        "tool", GoFixture.binary("tool", "linux", "amd64"),
        "bin/helper", GoFixture.binary("helper", "linux", "amd64"),
        "LICENSE", "MIT\n".getBytes(StandardCharsets.UTF_8)));

    String text = sbom(archive, "1.4.0");
    JsonNode bom = JSON.readTree(text);

    assertThat(new JsonParser().validate(text.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
    String broken = text.replaceFirst("\"SHA-256\"", "\"SHA-257\"");
    assertThat(new JsonParser().validate(broken.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isNotEmpty(); // the schema is really checked
    assertEquals("CycloneDX", bom.at("/bomFormat").asText());
    assertEquals(archive.getFileName().toString(), bom.at("/metadata/component/name").asText());
    assertEquals(Checksums.sha256(archive), bom.at("/metadata/component/hashes/0/content").asText());
    assertThat(names(bom, "application")).containsExactly("bin/helper", "tool"); // tar order; LICENSE is no component
    assertThat(names(bom, "library")).containsExactlyInAnyOrder("example.com/greet", "example.com/local");
    JsonNode greet = component(bom, "example.com/greet");
    String h1 = GoFixture.sum("example.com/greet", "v1.2.3");
    assertEquals("pkg:golang/example.com/greet@v1.2.3", greet.at("/purl").asText());
    assertEquals(HexFormat.of().formatHex(Base64.getDecoder().decode(h1.substring(3))), greet.at("/hashes/0/content").asText());
    assertEquals("./local", property(component(bom, "example.com/local"), "crossbatch:go:replaced-by"));
    JsonNode tool = component(bom, "tool");
    assertEquals("pkg:golang/example.com/tool@1.4.0?goarch=amd64&goos=linux", tool.at("/purl").asText());
    assertEquals("0", property(tool, "crossbatch:go:build:CGO_ENABLED"));
    assertEquals(List.of("pkg:golang/example.com/greet@v1.2.3", "pkg:golang/example.com/local@v0.0.0-00010101000000-000000000000"),
        dependsOn(bom, "binary:tool"));
    assertEquals(List.of("pkg:golang/example.com/local@v0.0.0-00010101000000-000000000000"), dependsOn(bom, "binary:bin/helper"));
    assertEquals(List.of("binary:bin/helper", "binary:tool"), dependsOn(bom, archive.getFileName().toString()));
    assertEquals("go1.19.8", bom.at("/metadata/tools/components/1/version").asText().replaceAll("go1\\.\\d+\\.\\d+", "go1.19.8"));
  }

  @Test
  void aZipOfWindowsAndABareDarwinBinaryAreReadToo() throws Exception {
    Path zip = tmp.resolve("tool_windows_386.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("tool.exe"));
      out.write(GoFixture.binary("tool", "windows", "386"));
      out.closeEntry();
      out.putNextEntry(new ZipEntry("README.md"));
      out.write("# tool\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Path bare = Files.write(tmp.resolve("tool_darwin_arm64"), GoFixture.binary("tool", "darwin", "arm64"));

    JsonNode windows = JSON.readTree(sbom(zip, null));
    JsonNode darwin = JSON.readTree(sbom(bare, null));

    assertEquals("pkg:golang/example.com/tool@%28devel%29?goarch=386&goos=windows", component(windows, "tool.exe").at("/purl").asText());
    assertThat(names(windows, "library")).containsExactlyInAnyOrder("example.com/greet", "example.com/local");
    assertEquals(Checksums.sha256(bare), component(darwin, "tool_darwin_arm64").at("/hashes/0/content").asText());
    assertThat(names(darwin, "library")).containsExactlyInAnyOrder("example.com/greet", "example.com/local");
  }

  @Test
  void theSameArchiveGivesTheSameBytes() throws Exception {
    Path archive = tarGz(tmp.resolve("a.tar.gz"), Map.of("tool", GoFixture.binary("tool", "linux", "amd64")));

    assertEquals(sbom(archive, "1.0.0"), sbom(archive, "1.0.0"));
  }

  @Test
  void aCorruptArchiveIsRefusedWithItsName() throws Exception {
    Path archive = tarGz(tmp.resolve("cut.tar.gz"), Map.of("tool", GoFixture.binary("tool", "linux", "amd64")));
    byte[] bytes = Files.readAllBytes(archive);
    Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    ArchiveBinaries.Unreadable e = assertThrows(ArchiveBinaries.Unreadable.class, () -> ArchiveBinaries.of(archive));
    assertThat(e.getMessage()).startsWith("cut.tar.gz is not a readable tar.gz");
  }

  @Test
  void anExecutableNotBuiltByGoIsListedWithWhyItHasNoModules() throws Exception {
    byte[] notGo = GoFixture.binary("tool", "linux", "amd64").clone();
    byte[] magic = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i + magic.length <= notGo.length; i++) {
      if (java.util.Arrays.equals(notGo, i, i + magic.length, magic, 0, magic.length)) {
        notGo[i + 3] = 'X';
      }
    }
    Path archive = tarGz(tmp.resolve("c.tar.gz"), Map.of("cbin", notGo));

    String text = sbom(archive, "1.0.0");

    assertThat(new JsonParser().validate(text.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
    assertThat(property(component(JSON.readTree(text), "cbin"), "crossbatch:go:unread")).contains("not built by Go");
  }

  private static String sbom(Path archive, String version) throws Exception {
    return CycloneDx.json(new CycloneDx.Archive(archive.getFileName().toString(), Checksums.sha256(archive), version, "0.1.0"), ArchiveBinaries.of(archive));
  }

  private static Path tarGz(Path file, Map<String, byte[]> entries) throws Exception {
    try (OutputStream out = Files.newOutputStream(file);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      for (String name : new java.util.TreeMap<>(entries).keySet()) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(entries.get(name).length);
        e.setMode(0755);
        tar.putArchiveEntry(e);
        tar.write(entries.get(name));
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  private static List<String> names(JsonNode bom, String type) {
    List<String> names = new ArrayList<>();
    bom.at("/components").forEach(c -> {
      if (c.at("/type").asText().equals(type)) {
        names.add(c.at("/name").asText());
      }
    });
    return names;
  }

  private static JsonNode component(JsonNode bom, String name) {
    for (JsonNode c : bom.at("/components")) {
      if (c.at("/name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no component " + name);
  }

  private static String property(JsonNode component, String name) {
    for (JsonNode p : component.at("/properties")) {
      if (p.at("/name").asText().equals(name)) {
        return p.at("/value").asText();
      }
    }
    throw new AssertionError("no property " + name);
  }

  private static List<String> dependsOn(JsonNode bom, String ref) {
    for (JsonNode d : bom.at("/dependencies")) {
      if (d.at("/ref").asText().equals(ref)) {
        List<String> on = new ArrayList<>();
        d.at("/dependsOn").forEach(n -> on.add(n.asText()));
        return on;
      }
    }
    throw new AssertionError("no dependency entry " + ref);
  }
}
