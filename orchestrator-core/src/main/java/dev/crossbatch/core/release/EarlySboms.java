package dev.crossbatch.core.release;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.sbom.ArchiveBinaries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The binaries of each zip read for its SBOM as soon as its build succeeds, on one thread while the
 * batch's other builds run, rather than all after the batch (docs/benchmarks.md). What is read is
 * only taken for the SBOM of a zip whose SHA-256, checked after the batch, is the one the zip had
 * both before and after that read: the SBOM describes the verified bytes or is read again.
 */
final class EarlySboms implements AutoCloseable {
  /** What one early read found: the zip's SHA-256 throughout the read, and its binaries. */
  record Read(String sha256, List<ArchiveBinaries.Binary> binaries) {}

  private final Map<Path, Future<Optional<Read>>> reads = new ConcurrentHashMap<>();
  private ExecutorService pool;

  /** The listener that starts a read for each build that succeeded with a zip, then tells {@code progress}. */
  Consumer<BatchSnapshot> watching(Consumer<BatchSnapshot> progress) {
    return snapshot -> {
      for (BuildRun build : snapshot.builds()) {
        if (build.succeeded() && build.artifact() != null) {
          reads.computeIfAbsent(key(Path.of(build.artifact().location())), archive -> pool().submit(() -> read(archive)));
        }
      }
      progress.accept(snapshot);
    };
  }

  private synchronized ExecutorService pool() {
    if (pool == null) {
      pool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sbom-early");
        t.setDaemon(true);
        return t;
      });
      // first, the one-off work of writing a manifest (Jackson's serializers of its records), which
      // would otherwise wait until after the batch; the manifest made here is thrown away
      pool.submit(() -> new Manifest(Manifest.SCHEMA, "", "", "", false, "local", "", "", java.time.Instant.EPOCH, Map.of(),
          List.of(new Manifest.Entry("", "", "", "", "", "", 0, "", "", java.time.Instant.EPOCH, java.time.Instant.EPOCH, null, null))).json());
    }
    return pool;
  }

  /** The zip's binaries, when its SHA-256 was the same before and after they were read; else none (read again at the end, which reports what is wrong). */
  static Optional<Read> read(Path archive) {
    try {
      String before = Checksums.sha256(archive);
      List<ArchiveBinaries.Binary> binaries = ArchiveBinaries.of(archive);
      return before.equals(Checksums.sha256(archive)) ? Optional.of(new Read(before, binaries)) : Optional.empty();
    } catch (IOException | ArchiveBinaries.Unreadable | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The binaries read early from {@code archive} while it had the SHA-256 {@code sha256}, waiting for a read still running; empty when there is none. */
  Optional<List<ArchiveBinaries.Binary>> binaries(Path archive, String sha256) {
    Future<Optional<Read>> read = reads.get(key(archive));
    if (read == null) {
      return Optional.empty();
    }
    try {
      return read.get().filter(r -> r.sha256().equals(sha256)).map(Read::binaries);
    } catch (ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrossbatchException(ErrorKind.INTERRUPTED, "interrupted while writing the SBOMs", null);
    }
  }

  private static Path key(Path archive) {
    return archive.toAbsolutePath().normalize();
  }

  /** Stops reads not begun (a failed batch writes no SBOM); one under way ends with its zip. */
  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
