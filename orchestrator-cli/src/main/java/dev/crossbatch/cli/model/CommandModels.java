package dev.crossbatch.cli.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line built from the models stored at build time, when the build stored them
 * (docs/decisions/0042): picocli reads the annotations once, in the build, and each run rebuilds
 * the commands it needs through picocli's programmatic API.
 */
public final class CommandModels {
  /** The stored models, beside this class in the jar. */
  public static final String RESOURCE = "commands.model";

  private final ModelReader reader;

  private CommandModels(ModelReader reader) {
    this.reader = reader;
  }

  /** The models the build stored; empty when there are none (classes run straight from a compiler). */
  public static Optional<CommandModels> stored() {
    try (InputStream in = CommandModels.class.getResourceAsStream(RESOURCE)) {
      return ModelReader.read(in).map(CommandModels::new);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The models in {@code file}, as {@link #bytes} gives it. */
  public static CommandModels of(byte[] file) throws IOException {
    return new CommandModels(ModelReader.read(new java.io.ByteArrayInputStream(file)).orElseThrow());
  }

  /** The file of the models of every command under {@code every}, as the annotations give them. */
  public static byte[] bytes(CommandLine every) throws IOException {
    return ModelWriter.write(every);
  }

  /** Writes {@link #bytes} to {@code file}. */
  public static void write(CommandLine every, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, bytes(every));
  }

  /**
   * The root command bound to {@code root}, with the commands of {@code commands} (by name) that
   * {@code wanted} accepts, each with the commands {@code nested} gives it.
   */
  public CommandLine commandLine(Object root, IFactory factory, Map<String, Class<?>> commands,
      Function<String, Map<String, Class<?>>> nested, Function<Class<?>, Boolean> wanted) throws Exception {
    ModelReader.Built top = reader.spec("", root, factory, null, true);
    CommandLine line = new CommandLine(top.spec(), factory);
    for (Map.Entry<String, Class<?>> c : commands.entrySet()) {
      if (wanted.apply(c.getValue())) {
        CommandLine sub = new CommandLine(command(c.getKey(), c.getValue(), factory, top), factory);
        for (Map.Entry<String, Class<?>> n : nested.apply(c.getKey()).entrySet()) {
          sub.addSubcommand(n.getKey(), new CommandLine(command(c.getKey() + " " + n.getKey(), n.getValue(), factory, top), factory));
        }
        line.addSubcommand(c.getKey(), sub);
      }
    }
    if (top.help() != null) {
      top.spec().addMixin(ModelReader.HELP_MIXIN, top.help());
    }
    return line;
  }

  private CommandSpec command(String path, Class<?> type, IFactory factory, ModelReader.Built root) throws Exception {
    return reader.spec(path, factory.create(type), factory, root.spec().versionProvider(), false).spec();
  }
}
