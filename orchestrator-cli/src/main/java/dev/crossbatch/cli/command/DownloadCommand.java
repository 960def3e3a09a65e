package dev.crossbatch.cli.command;

import dev.crossbatch.cli.ArtifactOptions;
import dev.crossbatch.cli.CrossbatchCommand;
import dev.crossbatch.cli.ExitCodes;
import dev.crossbatch.cli.GlobalOptions;
import dev.crossbatch.cli.Interrupts;
import dev.crossbatch.cli.ServiceFactory;
import dev.crossbatch.cli.render.DownloadProgress;
import dev.crossbatch.cli.render.Json;
import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactFilter;
import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.artifact.ChecksumSources;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.artifact.Downloader;
import dev.crossbatch.core.artifact.ZipExtractor;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "download",
    description = {
      "Download the zips of one commit, verified by SHA-256; a run cut short resumes.",
      "Each zip goes to NAME.part, is checked for size and SHA-256 (CodeBuild's for a batch followed from here, a published SHA256SUMS,",
      "or S3's own), and only then gets its name. Files already there and verified are skipped. Writes SHA256SUMS for the files in DIR."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch artifacts download --latest --dest dist",
      "  crossbatch artifacts download --commit 3f9c2e1 --platform linux/arm64 --dest bin --extract",
      "  crossbatch artifacts download --commit 3f9c2e1 --bucket my-releases --prefix hello --endpoint-url http://127.0.0.1:9000"
    })
public final class DownloadCommand implements Callable<Integer> {
  @ParentCommand ArtifactsCommand parent;

  @Mixin ArtifactOptions options;

  @Option(names = "--dest", paramLabel = "DIR", description = "where to put them (default: the current folder)")
  String dest = ".";

  @Option(names = "--extract", description = "also unpack each zip into DIR/<os>_<arch>/ (refusing unsafe names, symlinks and bombs)")
  boolean extract;

  @Option(names = "--parallel", paramLabel = "N", description = "downloads at once (1 to 32, default: 6)")
  int parallel = 6;

  @Override
  public Integer call() throws Exception {
    CrossbatchCommand root = parent.root();
    if (!options.namesACommit()) {
      throw CrossbatchException.usage("say which commit to download", "add --commit SHA or --latest ('crossbatch artifacts list' shows what there is)");
    }
    if (parallel < 1 || parallel > 32) {
      throw CrossbatchException.usage("--parallel " + parallel + ": give a number from 1 to 32", "e.g. --parallel 4");
    }
    ServiceFactory factory = new ServiceFactory(root);
    ProjectConfig config = factory.config();
    ArtifactFilter filter = options.filter();
    ArtifactStore store = options.store(config, root);
    ArtifactCatalog catalog = options.catalog(store, config);
    List<ArtifactCatalog.Entry> ofCommit = catalog.select(new ArtifactFilter(filter.commit(), List.of(), filter.latest()));
    if (ofCommit.isEmpty()) {
      throw CrossbatchException.usage("no artifacts of " + config.name() + (filter.commit() == null ? "" : " at commit " + filter.commit()) + " in " + store.location(),
          "'crossbatch artifacts list' shows what there is");
    }
    Set<String> commits = ofCommit.stream().map(ArtifactCatalog.Entry::commit7).collect(Collectors.toCollection(TreeSet::new));
    if (commits.size() > 1) {
      throw CrossbatchException.usage("--commit " + filter.commit() + " matches several commits: " + String.join(", ", commits), "give more characters of the commit");
    }
    List<Platform> missing = filter.platforms().stream().filter(p -> ofCommit.stream().noneMatch(e -> e.platform().equals(p))).toList();
    if (!missing.isEmpty()) {
      throw CrossbatchException.usage("commit " + commits.iterator().next() + " has no artifact for " + missing.stream().map(Platform::toString).collect(Collectors.joining(", ")),
          "it has: " + ofCommit.stream().map(e -> e.platform().toString()).collect(Collectors.joining(", ")));
    }
    List<ArtifactCatalog.Entry> selected = ofCommit.stream().filter(e -> filter.platformMatches(e.platform())).toList();

    Path dir = root.context().resolve(dest);
    Path sumsFile = dir.resolve(Checksums.FILE);
    Map<String, String> previous = Files.isRegularFile(sumsFile) ? Checksums.parse(Files.readString(sumsFile)) : Map.of();
    // CodeBuild's own SHA-256 of each zip, for a batch of this commit followed from here (watch, status, release)
    Map<String, String> fromCodeBuild = ServiceFactory.memory(config).map(m -> m.checksums(commits.iterator().next())).orElse(Map.of());
    Map<String, Downloader.Expected> expected = ChecksumSources.resolve(store, catalog, selected, fromCodeBuild);
    List<Downloader.Item> items = new ArrayList<>();
    selected.forEach(e -> items.add(new Downloader.Item(e.object(), e.fileName(), expected.get(e.fileName()))));

    boolean json = root.global().output() == GlobalOptions.Output.json;
    boolean quiet = root.global().quiet() || json;
    Downloader downloader = new Downloader(store, Downloader.Options.DEFAULT.withParallelism(parallel), root.context().sleeper());
    List<Downloader.Outcome> outcomes;
    Thread main = Thread.currentThread();
    try (DownloadProgress progress = factory.downloadProgress(quiet, items.size(), items.stream().mapToLong(i -> i.object().size()).sum());
        Interrupts.Registration stop = root.context().interrupts().onInterrupt(main::interrupt)) {
      outcomes = downloader.download(items, dir, previous, progress);
    }
    Map<String, String> sums = new LinkedHashMap<>();
    outcomes.forEach(o -> sums.put(o.item().fileName(), o.sha256()));
    AtomicFiles.write(sumsFile, Checksums.format(sums));

    Map<String, Path> extracted = new LinkedHashMap<>();
    if (extract) {
      Map<String, Platform> platforms = selected.stream().collect(Collectors.toMap(ArtifactCatalog.Entry::fileName, ArtifactCatalog.Entry::platform));
      for (Downloader.Outcome o : outcomes) {
        Path target = dir.resolve(platforms.get(o.item().fileName()).identifier());
        ZipExtractor.extract(o.file(), target, ZipExtractor.Limits.DEFAULT);
        extracted.put(o.item().fileName(), target);
      }
    }
    long unverified = outcomes.stream().filter(o -> o.verifiedBy() == null).count();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Downloader.Outcome o : outcomes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", display(root, o.file()));
        m.put("size", o.size());
        m.put("sha256", o.sha256());
        m.put("verifiedBy", o.verifiedBy());
        m.put("skipped", o.skipped());
        m.put("extractedTo", extracted.containsKey(o.item().fileName()) ? display(root, extracted.get(o.item().fileName())) : null);
        rows.add(m);
      }
      root.context().out().println(Json.write(rows));
    } else if (!root.global().quiet()) {
      root.context().out().println(outcomes.size() + " file(s) in " + display(root, dir) + ", listed in " + display(root, sumsFile)
          + (extract ? ", unpacked into " + display(root, dir) + "/<os>_<arch>/" : ""));
    }
    if (unverified > 0) {
      root.context().err().println("crossbatch: warning: " + unverified + " file(s) had no SHA-256 to check against (no CodeBuild batch, SHA256SUMS or S3 checksum"
          + " names them); only their size was checked");
    }
    return ExitCodes.OK;
  }

  private static String display(CrossbatchCommand root, Path p) {
    Path relative = root.context().workDir().relativize(p);
    return relative.toString().isEmpty() ? "." : relative.startsWith("..") ? p.toString() : relative.toString();
  }

}
