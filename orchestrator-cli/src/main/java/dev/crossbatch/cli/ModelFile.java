package dev.crossbatch.cli;

import dev.crossbatch.cli.model.CommandModels;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.core.time.Sleeper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Stores every command's model, as picocli reads it from the annotations, beside the classes
 * (Maven's process-classes phase runs it, before the tests): each run then builds its command from
 * that file instead of the annotations (docs/decisions/0042).
 */
public final class ModelFile {
  private ModelFile() {}

  /** @param args the classes folder ({@code target/classes}) */
  public static void main(String[] args) throws IOException {
    CliContext context = new CliContext(Path.of("."), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, false,
        Map.of(), Clock.systemUTC(), Sleeper.real(), Interrupts.manual());
    Path file = Path.of(args[0]).resolve(CommandModels.class.getPackageName().replace('.', '/')).resolve(CommandModels.RESOURCE);
    CommandModels.write(CrossbatchCommand.everyCommandAnnotated(context), file);
  }
}
