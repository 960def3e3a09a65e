package dev.crossbatch.cli.command;

import dev.crossbatch.cli.render.json.InitJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.init.Initializer;
import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.platform.Platform;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "init",
    description = {
      "Write a commented crossbatch.yml for the Go module in this folder.",
      "The binary is named after the module (go.mod), the Go version comes from its go line,"
          + " and the platforms default to linux/amd64, linux/arm64, darwin/amd64, darwin/arm64,"
          + " windows/amd64 and windows/arm64."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch init",
      "  crossbatch init --platform linux/amd64 --platform linux/arm/v7",
      "  crossbatch init --name mytool --main ./cmd/mytool --force"
    })
public final class InitCommand implements Callable<Integer> {
  private final Session session;

  InitCommand(Session session) {
    this.session = session;
  }

  @Option(names = "--name", paramLabel = "NAME", description = "binary name (default: the module's last path element)")
  String name;

  @Option(names = "--main", paramLabel = "PACKAGE", description = "Go main package (default: . or ./cmd/NAME)")
  String main;

  @Option(names = "--platform", paramLabel = "OS/ARCH", description = "a platform to build; repeat for more (default: the six above)")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--force", description = "replace an existing crossbatch.yml")
  boolean force;

  @Override
  public Integer call() {
    List<Platform> parsed = new ArrayList<>();
    for (String p : platforms) {
      try {
        parsed.add(KnownPlatforms.parse(p));
      } catch (KnownPlatforms.UnknownPlatformException e) {
        throw CrossbatchException.usage("--platform: " + e.getMessage(), "run 'crossbatch platforms' to see them all");
      }
    }
    Initializer.Result result = Initializer.init(new Initializer.Request(session.context().workDir(), name, main, parsed, force));
    PrintWriter out = session.context().out();
    if (session.output().json()) {
      session.output().json(new InitJson(result.file().toString(), result.name(), result.main(), result.goVersion(),
          result.platforms().stream().map(Platform::toString).toList(), result.notes()));
    } else if (!session.output().quiet()) {
      out.println("wrote crossbatch.yml: " + result.name() + " from " + result.main() + ", Go " + result.goVersion()
          + ", " + result.platforms().size() + " platforms");
      result.notes().forEach(n -> out.println("  note: " + n));
      out.println("next: crossbatch generate");
    }
    return ExitCodes.OK;
  }
}
