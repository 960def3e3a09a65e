package dev.crossbatch.cli.command;

import dev.crossbatch.cli.render.json.StoredZipJson;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.cli.options.ArtifactOptions;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.render.Durations;
import dev.crossbatch.cli.render.Table;
import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.config.ProjectConfig;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "list",
    description = "List the zips: platform, commit, file, size and time, newest commit first.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch artifacts list",
      "  crossbatch artifacts list --commit 3f9c2e1 --platform linux/amd64 --platform darwin/arm64",
      "  crossbatch artifacts list --latest --output json"
    })
public final class ArtifactsListCommand implements Callable<Integer> {
  static final List<String> HEADERS = List.of("PLATFORM", "COMMIT", "FILE", "SIZE", "MODIFIED");
  private static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Session session;

  ArtifactsListCommand(Session session) {
    this.session = session;
  }

  @Mixin ArtifactOptions options;

  @Override
  public Integer call() {
    ProjectConfig config = session.config();
    ArtifactStore store = options.store(config, session);
    List<ArtifactCatalog.Entry> selected = options.catalog(store, config).select(options.filter());
    PrintWriter out = session.context().out();
    if (session.output().json()) {
      session.output().json(selected.stream().map(e -> StoredZipJson.of(e, store)).toList());
      return ExitCodes.OK;
    }
    if (selected.isEmpty()) {
      session.context().err().println("no artifacts of " + config.name() + " match in " + store.location());
      return ExitCodes.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    for (ArtifactCatalog.Entry e : selected) {
      rows.add(List.of(e.platform().toString(), e.commit7(), e.object().path(), Durations.bytes(e.object().size()),
          MODIFIED.format(e.object().modified().atZone(session.context().clock().getZone()))));
    }
    Table.print(out, HEADERS, rows);
    return ExitCodes.OK;
  }

}
