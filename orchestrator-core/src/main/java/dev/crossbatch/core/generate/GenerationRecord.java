package dev.crossbatch.core.generate;

import dev.crossbatch.core.buildspec.GeneratedFile;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.BoundedFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * What the last rendering of a config gave, kept in {@code .crossbatch/cache/generated}, so that a
 * release or {@code generate --check} of an unchanged crossbatch.yml need not render its files again
 * when they are still on disk as rendered (docs/decisions/0043). A record is used only when
 * everything rendering reads is what it was: the same crossbatch (its jar's id, which covers every
 * class and built-in preset in it), the same Java, the same config (every value of it, path
 * included), the same preset file; and only when the files on disk are, to the character, what that
 * rendering gave. Anything else, a missing, unreadable or foreign record included, renders as before.
 */
public final class GenerationRecord {
  private static final String MAGIC = "crossbatch generated 1";
  private static final int MAX_BYTES = 64 << 20;

  private final String tool;

  /** @param tool what identifies the code that renders: its jar's id */
  GenerationRecord(String tool) {
    this.tool = tool;
  }

  /** The record of the crossbatch running now; none when it does not run from its own jar (a build's classes). */
  public static Optional<GenerationRecord> ofThisTool() {
    return jarId().map(id -> new GenerationRecord(id + " " + Runtime.version()));
  }

  /** The file the record of {@code config} is kept in. */
  public static Path file(ProjectConfig config) {
    return Layout.of(config).state().resolve("cache").resolve("generated");
  }

  /** The generated files as they are on disk, when they are what rendering {@code config} would give; else empty. */
  public Optional<List<GeneratedFile>> recall(ProjectConfig config) {
    Optional<String> inputs = inputs(config);
    if (inputs.isEmpty() || !Files.isRegularFile(file(config))) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(BoundedFiles.read(file(config), MAX_BYTES)))) {
      if (!MAGIC.equals(string(in)) || !tool.equals(string(in)) || !inputs.get().equals(string(in))) {
        return Optional.empty();
      }
      int count = in.readInt();
      List<GeneratedFile> files = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        GeneratedFile recorded = new GeneratedFile(string(in), string(in));
        Path onDisk = config.dir().resolve(recorded.path()).normalize();
        if (!onDisk.startsWith(config.dir()) || !Files.isRegularFile(onDisk)
            || !recorded.content().equals(BoundedFiles.readString(onDisk, MAX_BYTES))) {
          return Optional.empty();
        }
        files.add(recorded);
      }
      return in.read() < 0 ? Optional.of(List.copyOf(files)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // not a record this tool wrote, or no longer readable: render
    }
  }

  /**
   * Keeps what rendering {@code config} gave, when its state folder ({@code .crossbatch/}) exists:
   * a check in a fresh clone leaves nothing behind. A record that cannot be written is no error.
   */
  public void keep(ProjectConfig config, List<GeneratedFile> rendered) {
    Optional<String> inputs = inputs(config);
    if (inputs.isEmpty() || !Files.isDirectory(Layout.of(config).state())) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out, MAGIC);
      write(out, tool);
      write(out, inputs.get());
      out.writeInt(rendered.size());
      for (GeneratedFile file : rendered) {
        write(out, file.path());
        write(out, file.content());
      }
    } catch (IOException e) {
      return; // in memory: does not happen
    }
    try {
      Path file = file(config);
      if (Files.isRegularFile(file) && Arrays.equals(BoundedFiles.read(file, MAX_BYTES), bytes.toByteArray())) {
        return; // kept already: a check of files edited since renders each time, and need not write each time
      }
      AtomicFiles.write(file, bytes.toByteArray(), false);
    } catch (IOException | RuntimeException e) {
      // only a shortcut: the next run renders again
    }
  }

  /**
   * Everything rendering reads besides the code: the config, every value of it (records all the
   * way down, and the two templates by their text; GenerationRecordTest keeps it so), and the
   * preset file it names. None when that file cannot be read: then nothing is recorded.
   */
  static Optional<String> inputs(ProjectConfig config) {
    StringBuilder inputs = new StringBuilder();
    try {
      describe(config, inputs);
    } catch (ReflectiveOperationException e) {
      return Optional.empty();
    }
    if (config.preset() != null && !config.preset().isBuiltIn()) {
      try {
        inputs.append('\n').append(BoundedFiles.readString(config.preset().file(), MAX_BYTES));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.of(inputs.toString());
  }

  /**
   * Writes every value of {@code value} into {@code out}: a record's components by reflection, not
   * by its {@code toString}, whose first call per record class costs a method handle's making
   * (half of a recalled {@code generate --check}'s main thread, measured); lists and maps
   * element by element; anything else (strings, paths, enums, the templates) as its text.
   */
  static void describe(Object value, StringBuilder out) throws ReflectiveOperationException {
    if (value instanceof Record record) {
      out.append(record.getClass().getSimpleName()).append('[');
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        out.append(component.getName()).append('=');
        describe(component.getAccessor().invoke(record), out);
        out.append(';');
      }
      out.append(']');
    } else if (value instanceof Collection<?> items) {
      out.append('(');
      for (Object item : items) {
        describe(item, out);
        out.append(',');
      }
      out.append(')');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        describe(entry.getKey(), out);
        out.append(':');
        describe(entry.getValue(), out);
        out.append(',');
      }
      out.append('}');
    } else if (value instanceof Optional<?> optional) {
      out.append('?');
      describe(optional.orElse(null), out);
    } else {
      String text = String.valueOf(value);
      out.append(text.length()).append('"').append(text); // the length first: no text can pass for two
    }
  }

  /** The id written beside the jar this class runs from at build time (lib/crossbatch.jar.id): its SHA-256's start. */
  private static Optional<String> jarId() {
    try {
      CodeSource source = GenerationRecord.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path jar = Path.of(source.getLocation().toURI());
      Path id = jar.resolveSibling(jar.getFileName() + ".id");
      if (!Files.isRegularFile(jar) || !Files.isRegularFile(id)) {
        return Optional.empty();
      }
      String text = BoundedFiles.readString(id, 1024).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void write(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String string(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_BYTES) {
      throw new IOException("not a record");
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("a record cut short");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
