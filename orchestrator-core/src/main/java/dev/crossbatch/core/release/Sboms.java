package dev.crossbatch.core.release;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.sbom.ArchiveBinaries;
import dev.crossbatch.core.sbom.CycloneDx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The SBOM of each zip of a release, ZIP.cdx.json beside it, read from the zip as verified (docs/sbom.md). */
final class Sboms {
  private Sboms() {}

  /**
   * Writes each artifact's SBOM (atomically) and returns the manifest that lists them. Several at
   * once, one per core, as far as the heap holds their binaries: each is read whole, so threads are
   * bounded by the largest archive (a binary is taken as up to {@value #INFLATION} times its
   * archive) against a quarter of the heap; a release of small zips on two cores writes its SBOMs in
   * half the time (docs/benchmarks.md). A zip's binaries read {@code early} are taken where its
   * SHA-256 is the verified one.
   */
  static Manifest write(Path dist, Manifest manifest, EarlySboms early) {
    List<Manifest.Entry> artifacts = manifest.artifacts();
    int threads = threads(artifacts.stream().mapToLong(e -> size(dist.resolve(e.file()))).max().orElse(0),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(), artifacts.size());
    if (threads <= 1) {
      return manifest.withArtifacts(artifacts.stream().map(e -> sbom(dist, manifest, e, early)).toList());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "sbom");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Manifest.Entry>> futures = new ArrayList<>();
      for (Manifest.Entry entry : artifacts) {
        futures.add(pool.submit(() -> sbom(dist, manifest, entry, early)));
      }
      List<Manifest.Entry> entries = new ArrayList<>();
      for (Future<Manifest.Entry> future : futures) {
        entries.add(future.get());
      }
      return manifest.withArtifacts(entries);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrossbatchException(ErrorKind.INTERRUPTED, "interrupted while writing the SBOMs", null);
    } finally {
      // a failed SBOM ends the step: the others stop before it is reported, leaving no file behind it
      pool.shutdownNow();
      awaitQuietly(pool);
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // interrupted again: the user is leaving, no more waiting
    }
  }

  /** How many times its archive's size a binary is taken to be when threads are counted against the heap. */
  static final int INFLATION = 4;

  /** Threads for the SBOMs: one per core and archive, as many as a quarter of the heap holds binaries of the largest archive. */
  static int threads(long largestArchive, int cores, long maxHeap, int archives) {
    long fit = maxHeap / 4 / Math.max(1, largestArchive * INFLATION);
    return (int) Math.max(1, Math.min(Math.min(cores, archives), fit));
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // the SBOM's own read says what is wrong with it
    }
  }

  private static Manifest.Entry sbom(Path dist, Manifest manifest, Manifest.Entry entry, EarlySboms early) {
    Path archive = dist.resolve(entry.file());
    List<ArchiveBinaries.Binary> binaries = early.binaries(archive, entry.sha256()).orElse(null);
    try {
      if (binaries == null) {
        binaries = ArchiveBinaries.of(archive);
      }
    } catch (ArchiveBinaries.Unreadable e) {
      throw new CrossbatchException(ErrorKind.INTEGRITY, "cannot write the SBOM of " + entry.file() + ": " + e.getMessage(),
          "run the release again; the build's archive step made a file that cannot be read back");
    }
    byte[] json = CycloneDx.json(new CycloneDx.Archive(archive.getFileName().toString(), entry.sha256(), manifest.version(),
        manifest.tools().getOrDefault("crossbatch", "unknown")), binaries).getBytes(StandardCharsets.UTF_8);
    Manifest.Entry withSbom = entry.withSbom(Checksums.sha256Hex(json));
    AtomicFiles.write(dist.resolve(withSbom.sbom()), json);
    return withSbom;
  }

  /** The zip an SBOM's file name describes, or the name itself when it names no SBOM. */
  static String archiveOf(String fileName) {
    return fileName.endsWith(CycloneDx.SUFFIX) ? fileName.substring(0, fileName.length() - CycloneDx.SUFFIX.length()) : fileName;
  }
}
