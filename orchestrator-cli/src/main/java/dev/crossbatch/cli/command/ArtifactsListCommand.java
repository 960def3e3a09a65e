package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.ArtifactOptions;
import dev.crossbatch.cli.render.Listings;
import dev.crossbatch.cli.render.json.StoredZipJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "list",
    description = {
      "List the archives: platform, commit (and version when known), file, size and time, newest commit first.",
      "A commit whose SBOMs, provenance or signatures are in the bucket without its manifest (uploaded last by"
          + " release --publish) is marked '(incomplete)'."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch artifacts list",
      "  crossbatch artifacts list --commit 3f9c2e1 \\",
      "      --platform linux/amd64 --platform darwin/arm64",
      "  crossbatch artifacts list --latest --output json"
    })
public final class ArtifactsListCommand implements Callable<Integer> {

  private final Session session;

  ArtifactsListCommand(Session session) {
    this.session = session;
  }

  @Mixin ArtifactOptions options;

  @Override
  public Integer call() {
    ArtifactOptions.Source source = options.source(session);
    ArtifactStore store = source.store();
    ArtifactCatalog catalog = ArtifactCatalog.read(store, source.naming(), source.name(), options.filter());
    List<ArtifactCatalog.Entry> selected = catalog.select(options.filter());
    Map<String, ArtifactCatalog.Completeness> releases = catalog.completeness(store, selected);
    if (session.output().json()) {
      session.output().json(selected.stream().map(e -> StoredZipJson.of(e, store, releases.get(e.commit7()))).toList());
      return ExitCodes.OK;
    }
    if (selected.isEmpty()) {
      session.context().err().println("no artifacts" + (source.name() == null ? "" : " of " + source.name()) + " match in " + store.location());
      return ExitCodes.OK;
    }
    session.output().table(Listings.versioned(selected) ? Listings.VERSIONED_ZIP_HEADERS : Listings.ZIP_HEADERS,
        Listings.zips(selected, session.context().clock(), releases::get, session.output().cells()), 0);
    releases.forEach((c7, release) -> {
      if (release == ArtifactCatalog.Completeness.INCOMPLETE) {
        session.context().err().println("crossbatch: warning: the release of commit " + c7 + " is incomplete: no manifest of it in "
            + store.location() + " (publishing stopped part-way, or it was removed); 'artifacts download --verify-key' refuses it");
      }
    });
    return ExitCodes.OK;
  }
}
