package dev.crossbatch.cli.session;

import dev.crossbatch.cli.render.Output;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, before or after its name. */
public final class GlobalOptions {
  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "crossbatch.yml to use (default: the nearest crossbatch.yml or crossbatch.yaml from here up to the repository's root)")
  String config;

  @Option(names = "--output", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
      description = "table, json, or text (tab-separated rows for cut and awk); default: table")
  Output.Format output = Output.Format.table;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "print errors only")
  boolean quiet;

  @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "no ANSI colors (also: NO_COLOR set, or output not a terminal)")
  boolean noColor;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "more detail, and stack traces of internal errors")
  boolean verbose;

  /** --config as given; null when not given, and the config is then looked for (Session.configName). */
  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "write each AWS request to stderr: operation, method, URL, status, request id, time (never credentials or signatures)")
  boolean debug;

  public boolean debug() {
    return debug;
  }

  public String config() {
    return config;
  }

  public Output.Format output() {
    return output;
  }

  public boolean quiet() {
    return quiet;
  }

  public boolean verbose() {
    return verbose;
  }
}
