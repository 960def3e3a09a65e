package dev.crossbatch.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.buildspec.GeneratedFile;
import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.generate.Generation.FileResult;
import dev.crossbatch.core.generate.Generation.State;
import dev.crossbatch.core.text.PlaceholderTemplate;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationRecordTest {
  private static final String CONFIG = "name: hello\nplatforms: [linux/amd64, darwin/arm64]\nldflags: -s -w -X main.version={version}\n";

  @TempDir Path dir;

  private final GenerationRecord record = new GenerationRecord("tool-1");

  private ProjectConfig config(String text) throws Exception {
    Path file = dir.resolve("crossbatch.yml");
    Files.writeString(file, text);
    return ConfigLoader.load(file, "crossbatch.yml");
  }

  /** A project that has run crossbatch before: its state folder is there, its files generated and recorded. */
  private ProjectConfig generated(String text) throws Exception {
    Files.createDirectories(dir.resolve(".crossbatch"));
    ProjectConfig config = config(text);
    Generation.run(config, false, Optional.of(record));
    return config;
  }

  @Test
  void recall_ofAnUnchangedConfig_givesTheFilesAsRenderingDoes_withoutRenderingThem() throws Exception {
    ProjectConfig config = generated(CONFIG);

    ProjectConfig again = config(CONFIG); // read again, as the next command does
    assertThat(record.recall(again)).contains(Generation.render(again));
    assertThat(Generation.run(again, true, Optional.of(record)).files()).extracting(FileResult::state).containsOnly(State.UNCHANGED);
    assertThat(GenerationRecord.file(config)).isRegularFile();
  }

  @Test
  void recall_whenAnythingRenderingReadsChanged_isEmpty_andTheFilesAreRenderedAgain() throws Exception {
    generated(CONFIG);

    assertThat(record.recall(config(CONFIG.replace("-s -w", "-s")))).as("a value of the config").isEmpty();
    assertThat(record.recall(config(CONFIG + "# a comment\n"))).as("only a comment: the same values").isPresent();
    assertThat(new GenerationRecord("tool-2").recall(config(CONFIG))).as("another crossbatch").isEmpty();
    ProjectConfig moved = ConfigLoader.parse(CONFIG, dir.resolve("sub/crossbatch.yml"), "crossbatch.yml");
    assertThat(record.recall(moved)).as("another folder").isEmpty();

    // check after a change: stale, found by rendering, and the files are left as they were
    List<FileResult> stale = Generation.run(config(CONFIG.replace("darwin/arm64", "windows/amd64")), true, Optional.of(record)).files();
    assertThat(stale).first().isEqualTo(new FileResult("buildspecs/buildspec.yml", State.STALE));
  }

  @Test
  void recall_whenAGeneratedFileWasEditedOrRemoved_isEmpty_soCheckSaysSo() throws Exception {
    ProjectConfig config = generated(CONFIG);
    Path buildspec = dir.resolve("buildspecs/buildspec.yml");
    String rendered = Files.readString(buildspec);

    Files.writeString(buildspec, rendered.replace("go build", "go  build"));
    assertThat(record.recall(config)).isEmpty();
    assertThat(Generation.run(config, true, Optional.of(record)).files())
        .containsExactly(new FileResult("buildspecs/buildspec.yml", State.STALE), new FileResult("templates/codebuild-project.yml", State.UNCHANGED));

    Files.delete(buildspec);
    assertThat(record.recall(config)).isEmpty();
    assertThat(Generation.run(config, true, Optional.of(record)).files()).first().isEqualTo(new FileResult("buildspecs/buildspec.yml", State.MISSING));

    Generation.run(config, false, Optional.of(record));
    assertThat(buildspec).hasContent(rendered);
    assertThat(record.recall(config)).isPresent();
  }

  @Test
  void recall_followsThePresetFilesText() throws Exception {
    Files.copy(Path.of("../buildspecs/generic.yml"), dir.resolve("mine.yml"));
    String text = "name: hello\nplatforms: [linux/amd64]\npreset: mine.yml\nbuild:\n  commands: [make]\n";
    generated(text);
    assertThat(record.recall(config(text))).isPresent();

    Files.writeString(dir.resolve("mine.yml"), Files.readString(dir.resolve("mine.yml")).replace("VERSION: dev", "VERSION: unknown"));
    assertThat(record.recall(config(text))).isEmpty();
    List<GeneratedFile> rendered = Generation.render(config(text), Optional.of(record));
    assertThat(rendered.get(0).content()).contains("VERSION: unknown");
  }

  @Test
  void keep_withoutAStateFolder_writesNothing_aCheckInAFreshCloneLeavesNoTrace() throws Exception {
    ProjectConfig config = config(CONFIG);
    Generation.write(config);

    assertThat(Generation.run(config, true, Optional.of(record)).files()).extracting(FileResult::state).containsOnly(State.UNCHANGED);
    assertThat(dir.resolve(".crossbatch")).doesNotExist();
    assertThat(record.recall(config)).isEmpty();
  }

  @Test
  void recall_ofADamagedRecord_isEmpty_neverAnError() throws Exception {
    ProjectConfig config = generated(CONFIG);
    Path file = GenerationRecord.file(config);
    byte[] whole = Files.readAllBytes(file);

    for (int cut : new int[] {0, 3, whole.length / 2, whole.length - 1}) {
      Files.write(file, java.util.Arrays.copyOf(whole, cut));
      assertThat(record.recall(config)).as("cut at %d", cut).isEmpty();
    }
    byte[] flipped = whole.clone();
    flipped[whole.length - 5] ^= 1; // in the last file's text
    Files.write(file, flipped);
    assertThat(record.recall(config)).isEmpty();
    byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);
    Files.write(file, longer);
    assertThat(record.recall(config)).isEmpty();

    // a record naming a file outside the project is not followed
    Files.write(file, whole);
    String outside = new String(whole, java.nio.charset.StandardCharsets.ISO_8859_1).replace("templates/codebuild-project.yml", "../../../etc/passwd/x/y/z/a");
    Files.write(file, outside.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThat(record.recall(config)).isEmpty();
  }

  @Test
  void inputs_ofTheSameFileReadTwice_areEqual_andTellApartWhatRendersDifferently() throws Exception {
    String full = "name: hello\nplatforms: [linux/amd64, windows/arm64]\nartifact: \"{name}_{version}_{os}_{arch}\"\n"
        + "env:\n  GOFLAGS: -mod=vendor\narchive:\n  format: tar.gz\n  format-overrides: {windows: zip}\n"
        + "overrides:\n  - platforms: [linux/amd64]\n    env: {CGO_ENABLED: \"1\"}\n    ldflags: -X main.a={commit}\n";
    assertThat(GenerationRecord.inputs(config(full))).isPresent().isEqualTo(GenerationRecord.inputs(config(full)));
    assertThat(GenerationRecord.inputs(config(full))).isNotEqualTo(GenerationRecord.inputs(config(full.replace("{name}_{version}", "{name}_{commit7}"))));
    assertThat(GenerationRecord.inputs(config(full))).isNotEqualTo(GenerationRecord.inputs(config(full.replace("main.a={commit}", "main.b={commit}"))));
  }

  /**
   * The record tells configs apart by their values, written out record component by component down
   * to values it writes as text: enums, strings, paths, and the two template classes, whose text is
   * their value. A new kind of value fails here until its text is the whole of it.
   */
  @Test
  void everyValueOfAConfig_isARecord_aCollectionOfThem_orAValueWhoseTextIsAllOfIt() {
    List<String> unfit = new ArrayList<>();
    walk(ProjectConfig.class, new HashSet<>(), unfit);
    assertThat(unfit).isEmpty();
    assertThat(PlaceholderTemplate.class.getDeclaredMethods()).anyMatch(m -> m.getName().equals("toString"));
    assertThat(ArtifactName.class.getDeclaredMethods()).anyMatch(m -> m.getName().equals("toString"));
  }

  private static void walk(Type type, Set<Type> seen, List<String> unfit) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (raw != List.class && raw != Map.class && raw != Optional.class && raw != Set.class) {
        unfit.add(type.getTypeName());
      }
      for (Type argument : p.getActualTypeArguments()) {
        walk(argument, seen, unfit);
      }
      return;
    }
    Class<?> c = (Class<?>) type;
    if (c.isPrimitive() || c == String.class || c == Path.class || c == Integer.class || c == Boolean.class || c == Long.class || c.isEnum()
        || c == PlaceholderTemplate.class || c == ArtifactName.class) {
      return;
    }
    if (!c.isRecord()) {
      unfit.add(c.getName());
      return;
    }
    for (RecordComponent component : c.getRecordComponents()) {
      walk(component.getGenericType(), seen, unfit);
    }
  }
}
