package dev.crossbatch.cli.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command models written at build time ({@link ModelWriter}, run by the CLI's ModelFile), turned back into picocli's
 * model through its programmatic API: the same options, texts and bindings as picocli's reading of
 * the annotations gives, without the reflection over annotations that costs a short command a
 * quarter of its time (docs/decisions/0042).
 */
final class ModelReader {
  static final int MAGIC = 0x63626d31;
  /** A path step for an object the model makes itself: the standard help options' own. */
  static final String OWN_OBJECT = "#own";
  /** picocli's name for the mixin of the standard help options, -h and -V. */
  static final String HELP_MIXIN = "mixinStandardHelpOptions";

  private final Map<String, byte[]> records;

  private ModelReader(Map<String, byte[]> records) {
    this.records = records;
  }

  static Optional<ModelReader> read(InputStream stream) throws IOException {
    if (stream == null) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(stream)) {
      if (in.readInt() != MAGIC) {
        return Optional.empty();
      }
      int count = in.readInt();
      Map<String, byte[]> records = new HashMap<>();
      for (int i = 0; i < count; i++) {
        String path = in.readUTF();
        records.put(path, in.readNBytes(in.readInt()));
      }
      return Optional.of(new ModelReader(records));
    }
  }

  /** The command's path of names under the root: "" for the root, "artifacts list" for a nested one. */
  static String path(CommandSpec spec) {
    String qualified = spec.qualifiedName(" ");
    int space = qualified.indexOf(' ');
    return space < 0 ? "" : qualified.substring(space + 1);
  }

  /**
   * The model stored for {@code path}, bound to {@code command} and the mixins it holds or gets from
   * {@code factory}; with {@code helpLater}, standard help options that come last are left out of
   * it and returned beside it.
   */
  Built spec(String path, Object command, IFactory factory, IVersionProvider rootVersion, boolean helpLater) throws Exception {
    byte[] record = records.get(path);
    if (record == null) {
      throw new IllegalStateException("no stored model for '" + path + "'");
    }
    CommandReading in = new CommandReading(new DataInputStream(new ByteArrayInputStream(record)), command, factory);
    return in.command(rootVersion, helpLater);
  }

  /**
   * A command's model, and its standard help options when they were asked to wait: the root's go in
   * once the commands under it are added, because picocli makes each command it adds under a root
   * with them its own again, from the annotations, which it otherwise never reads here.
   */
  record Built(CommandSpec spec, CommandSpec help) {}
}
