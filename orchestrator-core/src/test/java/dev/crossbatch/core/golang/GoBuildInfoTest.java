package dev.crossbatch.core.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoBuildInfoTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource({
      "linux, amd64", // ELF64, little-endian, .go.buildinfo section
      "linux, 386", // ELF32
      "linux, s390x", // ELF64, big-endian
      "windows, amd64", // PE32+
      "windows, 386", // PE32
      "darwin, arm64", // Mach-O 64, __go_buildinfo section
  })
  void readsWhatGoItselfReadsFromEachFormat(String goos, String goarch) throws Exception {
    byte[] binary = GoFixture.binary("tool", goos, goarch);
    GoBuildInfo info = GoBuildInfo.read(binary).orElseThrow();

    assertEquals(goVersionM(binary), describe(info));
    assertEquals("example.com/tool/cmd/tool", info.path());
    assertEquals(new GoBuildInfo.Module("example.com/tool", "(devel)", "", null), info.main());
    assertEquals(List.of(
        new GoBuildInfo.Module("example.com/greet", "v1.2.3", GoFixture.sum("example.com/greet", "v1.2.3"), null),
        new GoBuildInfo.Module("example.com/local", "v0.0.0-00010101000000-000000000000", "",
            new GoBuildInfo.Module("./local", "(devel)", "", null))), info.deps());
    assertEquals(Optional.of(goos), info.setting("GOOS"));
    assertEquals(Optional.of(goarch), info.setting("GOARCH"));
    assertEquals(Optional.of("0"), info.setting("CGO_ENABLED"));
  }

  @Test
  void eachBinaryListsOnlyTheModulesLinkedIntoIt() throws Exception {
    GoBuildInfo helper = GoBuildInfo.read(GoFixture.binary("helper", "linux", "amd64")).orElseThrow();

    assertEquals("example.com/tool/cmd/helper", helper.path());
    assertThat(helper.deps()).extracting(GoBuildInfo.Module::path).containsExactly("example.com/local");
  }

  @Test
  void vendoredDependenciesAreReadAsGoRecordsThem() throws Exception {
    GoFixture.vendor();
    byte[] binary = GoFixture.binary("tool", "linux", "amd64", "-mod=vendor");
    GoBuildInfo info = GoBuildInfo.read(binary).orElseThrow();

    assertEquals(goVersionM(binary), describe(info));
    assertThat(info.deps()).extracting(GoBuildInfo.Module::path, GoBuildInfo.Module::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("example.com/greet", "v1.2.3"),
            org.assertj.core.groups.Tuple.tuple("example.com/local", "v0.0.0-00010101000000-000000000000"));
    assertEquals(GoFixture.sum("example.com/greet", "v1.2.3"), info.deps().get(0).sum()); // Go takes it from go.sum
  }

  @Test
  void quotedSettingsAreUnquotedAsGoQuotesThem() throws Exception {
    GoBuildInfo info = GoBuildInfo.parse("go1.19.8", "path\tx\nmod\tx\t(devel)\t\n"
        + "build\t-ldflags=\"-s -w -X main.v=1\\t2 \\\"q\\\" \\u00e9\"\nbuild\t\"odd key\"=v\n");

    assertEquals(Optional.of("-s -w -X main.v=1\t2 \"q\" é"), info.setting("-ldflags"));
    assertEquals(Optional.of("v"), info.setting("odd key"));
  }

  @Test
  void filesThatAreNotExecutablesHaveNoBuildInformation() throws Exception {
    assertEquals(Optional.empty(), GoBuildInfo.read("MIT License\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), GoBuildInfo.read("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), GoBuildInfo.read(new byte[0]));
  }

  @Test
  void anExecutableNotBuiltByGoIsSaidToBeOne() throws Exception {
    Path c = tmp.resolve("hello.c");
    Files.writeString(c, "int main(void) { return 0; }\n");
    Process cc = new ProcessBuilder("gcc", "-o", tmp.resolve("hello").toString(), c.toString()).inheritIO().start();
    assertEquals(0, cc.waitFor());

    GoBuildInfo.Unreadable e = assertThrows(GoBuildInfo.Unreadable.class, () -> GoBuildInfo.read(Files.readAllBytes(tmp.resolve("hello"))));
    assertThat(e.getMessage()).contains("not built by Go");
  }

  @Test
  void cutOrCorruptedBinariesAreRefusedWithoutAnyOtherException() {
    Random random = new Random(14);
    for (String[] target : new String[][] {{"linux", "amd64"}, {"windows", "386"}, {"darwin", "arm64"}}) {
      byte[] binary = GoFixture.binary("tool", target[0], target[1]);
      List<byte[]> hostile = new ArrayList<>();
      for (int cut : new int[] {4, 64, 200, 4096, binary.length / 3, binary.length / 2, binary.length - 1}) {
        hostile.add(java.util.Arrays.copyOf(binary, cut));
      }
      for (int i = 0; i < 300; i++) {
        byte[] flipped = binary.clone();
        int at = random.nextInt(i < 200 ? 512 : flipped.length); // headers first, then anywhere
        flipped[at] = (byte) random.nextInt(256);
        hostile.add(flipped);
      }
      for (byte[] bytes : hostile) {
        try {
          GoBuildInfo.read(bytes);
        } catch (GoBuildInfo.Unreadable expected) {
          assertTrue(expected.getMessage().length() > 10);
        }
      }
    }
  }

  /** What {@code go version -m} prints of a binary, in the form {@link #describe} gives a read. */
  private String goVersionM(byte[] binary) throws IOException, InterruptedException {
    Path file = Files.write(tmp.resolve("bin-" + System.nanoTime()), binary);
    assertTrue(file.toFile().setExecutable(true)); // go version reads executable files only
    Process p = new ProcessBuilder("go", "version", "-m", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    List<String> lines = new ArrayList<>(out.lines().toList());
    lines.set(0, "go\t" + lines.get(0).substring(lines.get(0).indexOf(": ") + 2));
    return String.join("\n", lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList());
  }

  private static String describe(GoBuildInfo info) {
    List<String> lines = new ArrayList<>();
    lines.add("go\t" + info.goVersion());
    lines.add("path\t" + info.path());
    lines.add(module("mod", info.main()));
    info.deps().forEach(d -> {
      lines.add(module("dep", d));
      if (d.replace() != null) {
        lines.add(module("=>", d.replace()));
      }
    });
    info.settings().forEach((k, v) -> lines.add("build\t" + k + "=" + quoteLikeGo(v)));
    return String.join("\n", lines.stream().map(l -> l.replaceAll("\\s+$", "")).toList());
  }

  private static String module(String kind, GoBuildInfo.Module m) {
    return kind + "\t" + m.path() + "\t" + m.version() + "\t" + m.sum();
  }

  private static String quoteLikeGo(String v) {
    return v.matches(".*[ \t\r\n\"`].*") ? "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v;
  }
}
