package dev.crossbatch.cli.command;

import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.config.ConfigSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "schema",
    description = {
      "Print the JSON Schema (draft 2020-12) of crossbatch.yml, for editors and CI checks.",
      "crossbatch init writes a '# yaml-language-server: $schema=...' line naming it; an editor with the YAML"
          + " language server then completes keys and flags mistakes as you type. validate checks more than a"
          + " schema can (names that collide, -X flags that set nothing, files that must exist)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch schema > crossbatch.schema.json",
      "  # then, first line of crossbatch.yml:",
      "  # yaml-language-server: $schema=./crossbatch.schema.json"
    })
public final class SchemaCommand implements Callable<Integer> {
  private final Session session;

  SchemaCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    // the schema is JSON whatever --output says
    session.context().out().print(ConfigSchema.text());
    session.context().out().flush();
    return ExitCodes.OK;
  }
}
