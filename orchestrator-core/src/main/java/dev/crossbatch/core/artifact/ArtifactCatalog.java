package dev.crossbatch.core.artifact;

import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.source.Commit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The artifacts of a store: every object whose file name follows the naming rule, whatever folder
 * it is in, parsed into name, platform and commit. Objects that don't follow the rule are ignored;
 * SHA256SUMS files are kept apart as a source of checksums.
 */
public final class ArtifactCatalog {
  /** SHA256SUMS as a local release writes it, or {@code hello_3f9c2e1_SHA256SUMS} as --publish uploads it. */
  public static final String SUMS_SUFFIX = "_" + Checksums.FILE;

  /** One artifact: the object and what its name says. */
  public record Entry(StoredObject object, ArtifactName.Parsed parsed) {
    public Platform platform() {
      return parsed.platform();
    }

    public String commit() {
      return parsed.commit();
    }

    public String commit7() {
      return Commit.abbreviate(parsed.commit());
    }

    public String fileName() {
      return object.fileName();
    }

    /** The release version, from the name or the release's manifest.json; "" when neither says. */
    public String version() {
      return parsed.version();
    }
  }

  /** manifest.json as a local release writes it, or {@code hello_3f9c2e1_manifest.json} as --publish uploads it. */
  public static final String MANIFEST_SUFFIX = "_manifest.json";

  /** An archive's own SHA-256 beside it, {@code hello_linux_amd64_3f9c2e1.tar.gz.sha256}, as a build that makes its archive writes it. */
  public static final String SIDECAR = ".sha256";

  /** manifest.json as a local release writes it beside the zips. */
  static final String MANIFEST = "manifest.json";

  /** The files a release writes beside its zips other than the lists: SBOMs, provenance, signatures. */
  static final List<String> RELEASE_FILE_SUFFIXES = List.of(".cdx.json", ".intoto.jsonl", ".minisig");

  /**
   * Whether a commit's release is whole in the store. Its manifest is written (or uploaded) last:
   * {@code COMPLETE} when a manifest lists the commit's zips; {@code INCOMPLETE} when files only a
   * release writes before its manifest are there (an SBOM of one of its zips, its provenance, the
   * signature of its NAME_COMMIT7_SHA256SUMS) but no manifest of it: publishing stopped part-way, or
   * the manifest was removed; {@code UNPUBLISHED} otherwise: zips alone (builds' uploads never
   * released), with a SHA256SUMS of someone's own, or left in a local release folder by an earlier
   * release (its manifest.json is the latest release's).
   */
  public enum Completeness { COMPLETE, INCOMPLETE, UNPUBLISHED }

  private final List<Entry> artifacts;
  private final List<StoredObject> sums;
  private final List<StoredObject> manifests;
  private final List<StoredObject> releaseFiles;

  private ArtifactCatalog(List<Entry> artifacts, List<StoredObject> sums, List<StoredObject> manifests, List<StoredObject> releaseFiles) {
    this.artifacts = artifacts;
    this.sums = sums;
    this.manifests = manifests;
    this.releaseFiles = releaseFiles;
  }

  /**
   * How whole the release of each commit among {@code selected} is, by its 7-character commit. A
   * manifest named by its commit counts by its name; a plain manifest.json (a local release's) is
   * read for the zips it lists.
   */
  public Map<String, Completeness> completeness(ArtifactStore store, List<Entry> selected) {
    List<StoredObject> plain = manifests.stream().filter(m -> m.fileName().equals(MANIFEST)).toList();
    ReleaseIndex index = plain.isEmpty() ? null : ReleaseIndex.read(store, plain);
    Map<String, Completeness> byCommit = new LinkedHashMap<>();
    for (Entry e : selected) {
      String c7 = e.commit7();
      boolean manifest = manifests.stream().anyMatch(m -> m.fileName().endsWith("_" + c7 + MANIFEST_SUFFIX))
          || index != null && index.of(e.fileName()).filter(r -> Commit.abbreviate(r.commit()).equals(c7)).isPresent();
      if (manifest) {
        byCommit.put(c7, Completeness.COMPLETE);
        continue;
      }
      // a local release folder (plain SHA256SUMS and manifest.json) keeps its latest release's lists
      // only: the files of earlier commits there are left over from releases that were whole, and a
      // release cut short there left the earlier lists, which do not name its zips
      boolean localFolder = plain.stream().anyMatch(m -> m.folder().equals(e.object().folder()))
          || sums.stream().anyMatch(f -> f.fileName().equals(Checksums.FILE) && f.folder().equals(e.object().folder()));
      boolean begun = !localFolder && releaseFiles.stream().anyMatch(f -> f.fileName().startsWith(e.fileName() + ".")
          || f.fileName().endsWith("_" + c7 + ".intoto.jsonl") || f.fileName().startsWith(e.parsed().name() + "_" + c7 + SUMS_SUFFIX + "."));
      byCommit.merge(c7, begun ? Completeness.INCOMPLETE : Completeness.UNPUBLISHED, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    return byCommit;
  }

  /**
   * The catalog of what is in the store now: one listing. Names without a commit ({@code {version}}
   * alone) get theirs from the manifest.json files beside them.
   *
   * @param name the project's name from crossbatch.yml: names of other projects are not its
   */
  public static ArtifactCatalog read(ArtifactStore store, ArtifactName naming, String name) {
    return read(store, naming, name, ArtifactFilter.all());
  }

  /** The catalog, reading the manifests too when the names lack commits or the filter asks for a version. */
  public static ArtifactCatalog read(ArtifactStore store, ArtifactName naming, String name, ArtifactFilter filter) {
    ArtifactCatalog catalog = of(store.list(), naming, name);
    return naming.namesCommit() && filter.version() == null ? catalog : catalog.resolved(ReleaseIndex.read(store, catalog.manifests));
  }

  /** Each artifact with the commit and version its release's manifest records, where its name does not say them. */
  private ArtifactCatalog resolved(ReleaseIndex index) {
    List<Entry> entries = artifacts.stream().map(e -> index.of(e.fileName())
            .map(r -> new Entry(e.object(), new ArtifactName.Parsed(e.parsed().name(), e.platform(),
                e.commit().isEmpty() ? r.commit() : e.commit(), e.version().isEmpty() ? r.version() : e.version())))
            .orElse(e))
        .toList();
    return new ArtifactCatalog(entries, sums, manifests, releaseFiles);
  }

  public static ArtifactCatalog of(List<StoredObject> objects, ArtifactName naming, String name) {
    List<Entry> artifacts = new ArrayList<>();
    List<StoredObject> sums = new ArrayList<>();
    List<StoredObject> manifests = new ArrayList<>();
    List<StoredObject> releaseFiles = new ArrayList<>();
    for (StoredObject o : objects) {
      String file = o.fileName();
      if (file.equals(Checksums.FILE) || file.endsWith(SUMS_SUFFIX) || file.endsWith(SIDECAR)) {
        sums.add(o);
        continue;
      }
      if (file.equals(MANIFEST) || file.endsWith(MANIFEST_SUFFIX)) {
        manifests.add(o);
        continue;
      }
      if (RELEASE_FILE_SUFFIXES.stream().anyMatch(file::endsWith)) {
        releaseFiles.add(o);
        continue;
      }
      naming.match(name, file).ifPresent(p -> artifacts.add(new Entry(o, p)));
    }
    return new ArtifactCatalog(List.copyOf(artifacts), List.copyOf(sums), List.copyOf(manifests), List.copyOf(releaseFiles));
  }

  public List<Entry> artifacts() {
    return artifacts;
  }

  /**
   * The artifacts the filter asks for, newest commit first, then by platform. When the same file
   * name is in several folders, the newest object stands for it.
   */
  public List<Entry> select(ArtifactFilter filter) {
    Map<String, Entry> byName = new LinkedHashMap<>();
    for (Entry e : artifacts) {
      if (filter.commitMatches(e.commit()) && filter.versionMatches(e.version()) && filter.platformMatches(e.platform())) {
        byName.merge(e.fileName(), e, (a, b) -> b.object().modified().isAfter(a.object().modified()) ? b : a);
      }
    }
    Map<String, Instant> newestOfCommit = new LinkedHashMap<>();
    byName.values().forEach(e -> newestOfCommit.merge(e.commit7(), e.object().modified(), (a, b) -> a.isAfter(b) ? a : b));
    Optional<String> latest = newestOfCommit.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    return byName.values().stream()
        .filter(e -> !filter.latest() || latest.get().equals(e.commit7()))
        .sorted(Comparator.<Entry, Instant>comparing(e -> newestOfCommit.get(e.commit7())).reversed()
            .thenComparing(Entry::commit7)
            .thenComparing(e -> e.platform().toString())
            .thenComparing(e -> e.object().path()))
        .toList();
  }

  /**
   * The SHA256SUMS files that may name these artifacts: plain SHA256SUMS in one of their folders,
   * published {@code NAME_COMMIT7_SHA256SUMS} of one of their commits, and an archive's own
   * {@code .sha256} beside it.
   */
  public List<StoredObject> sumsFor(List<Entry> selected) {
    return sums.stream().filter(s -> selected.stream().anyMatch(e -> s.fileName().equals(Checksums.FILE)
            ? s.folder().equals(e.object().folder())
            : s.fileName().endsWith(SIDECAR)
                ? s.path().equals(e.object().path() + SIDECAR)
                : s.fileName().endsWith("_" + e.commit7() + SUMS_SUFFIX)))
        .toList();
  }

  /**
   * The published {@code NAME_COMMIT7_manifest.json} of these artifacts' commits: where one was
   * published, so was a SHA256SUMS.
   */
  public List<StoredObject> manifestsFor(List<Entry> selected) {
    return manifests.stream().filter(m -> selected.stream().anyMatch(e -> m.fileName().endsWith("_" + e.commit7() + MANIFEST_SUFFIX))).toList();
  }
}
