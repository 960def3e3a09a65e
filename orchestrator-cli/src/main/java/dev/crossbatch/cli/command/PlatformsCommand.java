package dev.crossbatch.cli.command;

import dev.crossbatch.cli.render.Cells;
import dev.crossbatch.cli.render.Listings;
import dev.crossbatch.cli.render.Table;
import dev.crossbatch.cli.render.json.PlatformJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.platform.KnownPlatforms;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "platforms",
    description = {
      "List the OS/arch pairs crossbatch can build.",
      "The pairs of Go " + KnownPlatforms.GO_RELEASE + " (go tool dist list); Go's first-class ports are marked."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch platforms",
      "  crossbatch platforms --first-class",
      "  crossbatch platforms --os linux --output text",
      "",
      "A variant is written os/arch/variant: linux/arm/v7 sets GOARM=7,",
      "linux/amd64/v3 sets GOAMD64=v3."
    })
public final class PlatformsCommand implements Callable<Integer> {
  private final Session session;

  PlatformsCommand(Session session) {
    this.session = session;
  }

  @Option(names = "--first-class", description = "only Go's first-class ports")
  boolean firstClass;

  @Option(names = "--os", paramLabel = "GOOS", description = "only this operating system")
  String os;

  @Override
  public Integer call() {
    List<KnownPlatforms.Entry> entries = KnownPlatforms.all().stream()
        .filter(e -> !firstClass || e.firstClass())
        .filter(e -> os == null || e.platform().os().equals(os))
        .toList();
    PrintWriter out = session.context().out();
    switch (session.output().format()) {
      case text -> session.output().table(Listings.PLATFORM_HEADERS, Listings.platforms(entries, Cells.MACHINE), 0);
      case json -> session.output().json(entries.stream().map(PlatformJson::of).toList());
      case table -> {
        Table.print(out, Listings.PLATFORM_HEADERS, Listings.platforms(entries, Cells.PEOPLE));
        if (!session.output().quiet()) {
          out.println();
          out.println(entries.size() + " platforms. Write a variant as os/arch/variant, e.g. linux/arm/v7.");
        }
      }
    }
    return ExitCodes.OK;
  }
}
