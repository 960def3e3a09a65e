package dev.crossbatch.cli.command;

import dev.crossbatch.cli.ArtifactOptions;
import dev.crossbatch.cli.CrossbatchCommand;
import dev.crossbatch.cli.ExitCodes;
import dev.crossbatch.cli.GlobalOptions;
import dev.crossbatch.cli.ServiceFactory;
import dev.crossbatch.cli.render.Durations;
import dev.crossbatch.cli.render.Json;
import dev.crossbatch.cli.render.Table;
import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.config.ProjectConfig;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "artifacts",
    description = {
      "List and download the per-platform zips of the releases: from S3 (--bucket, codebuild.bucket) or the local store (dist/).",
      "Zips are found by name ({name}_{os}_{arch}_{commit7}.zip) in any folder under the prefix."
    },
    subcommands = {ArtifactsCommand.ListCommand.class, DownloadCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch artifacts list --latest",
      "  crossbatch artifacts download --commit 3f9c2e1 --platform linux/arm64 --dest bin --extract"
    })
public final class ArtifactsCommand implements Callable<Integer> {
  @ParentCommand CrossbatchCommand root;

  @Spec CommandSpec spec;

  public CrossbatchCommand root() {
    return root;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(root.context().err());
    return ExitCodes.USAGE;
  }

  @Command(
      name = "list",
      description = "List the zips: platform, commit, file, size and time, newest commit first.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  crossbatch artifacts list",
        "  crossbatch artifacts list --commit 3f9c2e1 --platform linux/amd64 --platform darwin/arm64",
        "  crossbatch artifacts list --latest --output json"
      })
  static final class ListCommand implements Callable<Integer> {
    static final List<String> HEADERS = List.of("PLATFORM", "COMMIT", "FILE", "SIZE", "MODIFIED");
    private static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @ParentCommand ArtifactsCommand parent;

    @Mixin ArtifactOptions options;

    @Override
    public Integer call() {
      CrossbatchCommand root = parent.root();
      ProjectConfig config = new ServiceFactory(root).config();
      ArtifactStore store = options.store(config, root);
      List<ArtifactCatalog.Entry> selected = options.catalog(store, config).select(options.filter());
      PrintWriter out = root.context().out();
      if (root.global().output() == GlobalOptions.Output.json) {
        out.println(Json.write(selected.stream().map(e -> json(e, store)).toList()));
        return ExitCodes.OK;
      }
      if (selected.isEmpty()) {
        root.context().err().println("no artifacts of " + config.name() + " match in " + store.location());
        return ExitCodes.OK;
      }
      List<List<String>> rows = new ArrayList<>();
      for (ArtifactCatalog.Entry e : selected) {
        rows.add(List.of(e.platform().toString(), e.commit7(), e.object().path(), Durations.bytes(e.object().size()),
            MODIFIED.format(e.object().modified().atZone(root.context().clock().getZone()))));
      }
      Table.print(out, HEADERS, rows);
      return ExitCodes.OK;
    }

    static Map<String, Object> json(ArtifactCatalog.Entry e, ArtifactStore store) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("platform", e.platform().toString());
      m.put("os", e.platform().os());
      m.put("arch", e.platform().arch());
      m.put("variant", e.platform().variant());
      m.put("commit", e.commit());
      m.put("file", e.fileName());
      m.put("path", e.object().path());
      m.put("location", store.location() + e.object().path());
      m.put("size", e.object().size());
      m.put("modified", e.object().modified().toString());
      return m;
    }
  }
}
