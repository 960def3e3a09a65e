package dev.crossbatch.core.artifact;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.time.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Downloads artifacts into a folder so that a file under its final name is always whole and, when
 * any independent source knows its SHA-256, verified: each is streamed to {@code NAME.part} (the
 * object's version beside it in {@code NAME.part.etag}), fsynced, checked for size and SHA-256,
 * then renamed.
 *
 * <p>A part whose bytes failed a check (the store's own checksum, the size, the SHA-256) is
 * discarded, never resumed from. A part cut short by a broken connection is resumed (Range +
 * If-Match, also by a later run) only when a SHA-256 will check the whole at the end; otherwise the
 * object is fetched again from its first byte, where the store checks its own checksum.
 */
public final class Downloader {
  /**
   * A SHA-256 to check against and where it comes from ("CodeBuild", a SHA256SUMS, the store's).
   *
   * @param refresh what to do when this source is stale (the commit was rebuilt since); null when nothing but the source itself can change
   */
  public record Expected(String sha256, String source, String refresh) {
    public Expected(String sha256, String source) {
      this(sha256, source, null);
    }
  }

  /**
   * One artifact to fetch, as {@code fileName} in the destination.
   *
   * @param expected every SHA-256 known for it, best first; empty when no source knows one
   */
  public record Item(StoredObject object, String fileName, List<Expected> expected) {
    public Item {
      expected = List.copyOf(expected);
    }

    public Item(StoredObject object, String fileName, Expected expected) {
      this(object, fileName, expected == null ? List.of() : List.of(expected));
    }

    /** The SHA-256 the file is held to, or null when none is known. */
    public Expected primary() {
      return expected.isEmpty() ? null : expected.get(0);
    }
  }

  /**
   * What happened to one file.
   *
   * @param verifiedBy the source of the SHA-256 it matched, or null when it is unverified (only its size could be checked)
   * @param skipped it was already there, whole and verified
   */
  public record Outcome(Item item, Path file, long size, String sha256, String verifiedBy, boolean skipped, int attempts) {
    public boolean verified() {
      return verifiedBy != null;
    }
  }

  /** Progress, called from the download threads. */
  public interface Listener {
    /** What is about to be fetched, before anything is. */
    default void planned(List<Item> items) {}

    default void started(Item item, long from) {}

    default void progressed(Item item, long bytes) {}

    default void retrying(Item item, String reason) {}

    default void finished(Outcome outcome) {}
  }

  public record Options(int parallelism, int attempts, Duration backoff) {
    public static final Options DEFAULT = new Options(6, 4, Duration.ofMillis(500));

    public Options withParallelism(int n) {
      return new Options(n, attempts, backoff);
    }
  }

  private static final int BUFFER = 1 << 20;
  private static final String PART = ".part";
  private static final String ETAG = ".part.etag";

  private final ArtifactStore store;
  private final Options options;
  private final Sleeper sleeper;

  public Downloader(ArtifactStore store, Options options, Sleeper sleeper) {
    this.store = store;
    this.options = options;
    this.sleeper = sleeper;
  }

  /**
   * Fetches every item into {@code dest}, {@code options.parallelism()} at a time. Every file is
   * attempted; the first failure is then thrown: an integrity error (exit 4) when the last attempt
   * got damaged bytes, a network error (exit 3) when the connection kept breaking, a usage error
   * (exit 2) when the destination cannot be written.
   */
  public List<Outcome> download(List<Item> items, Path dest, Listener listener) {
    DownloadFiles.createDirectories(dest);
    listener.planned(items);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallelism(), items.size())), r -> {
      Thread t = new Thread(r, "download");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Item item : items) {
        futures.add(pool.submit(() -> fetch(item, dest, listener)));
      }
      List<Outcome> outcomes = new ArrayList<>();
      RuntimeException first = null;
      for (Future<Outcome> f : futures) {
        try {
          outcomes.add(f.get());
        } catch (ExecutionException e) {
          RuntimeException failure = e.getCause() instanceof RuntimeException r ? r
              : e.getCause() instanceof InterruptedException ? interrupted()
              : new CrossbatchException(ErrorKind.INTERNAL, "download failed: " + e.getCause(), null, e.getCause());
          first = first == null ? failure : first;
        }
      }
      if (first != null) {
        throw first;
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted();
    } finally {
      pool.shutdownNow();
    }
  }

  private static CrossbatchException interrupted() {
    return new CrossbatchException(ErrorKind.INTERRUPTED, "download interrupted; the next run resumes it", null);
  }

  /** Why an attempt failed: damaged bytes (discarded) or a broken transfer (kept, to resume, when a SHA-256 can check it). */
  private enum Failure { DAMAGED, BROKEN }

  private Outcome fetch(Item item, Path dest, Listener listener) throws InterruptedException {
    Path target = dest.resolve(item.fileName());
    Path part = dest.resolve(item.fileName() + PART);
    Path etag = dest.resolve(item.fileName() + ETAG);
    long size = item.object().size();
    Expected want = item.primary();
    if (want != null && DownloadFiles.holds(target, size, want.sha256())) {
      Outcome skipped = new Outcome(item, target, size, want.sha256(), want.source(), true, 0);
      listener.finished(skipped);
      return skipped;
    }
    DownloadFiles.createDirectories(target.getParent()); // a path with folders keeps the store's layout
    String reason = null;
    Failure failure = null;
    for (int attempt = 1; attempt <= options.attempts(); attempt++) {
      if (attempt > 1) {
        listener.retrying(item, reason);
        sleeper.sleep(options.backoff().multipliedBy(attempt - 1));
      }
      String sha;
      try {
        sha = transfer(item, part, etag, listener, want != null);
      } catch (ArtifactStore.ChangedException e) {
        DownloadFiles.discard(part, etag);
        throw new CrossbatchException(ErrorKind.INTEGRITY, item.fileName() + ": " + e.getMessage(),
            "run the download again; it lists the store afresh");
      } catch (ArtifactStore.DamagedException e) {
        DownloadFiles.discard(part, etag);
        reason = e.getMessage();
        failure = Failure.DAMAGED;
        continue;
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException();
        }
        if (want == null) {
          DownloadFiles.discard(part, etag); // without a SHA-256 to check the whole, a prefix is never trusted
        }
        reason = e.getMessage();
        failure = Failure.BROKEN;
        continue;
      }
      long got = DownloadFiles.size(part);
      if (got != size) {
        reason = "got " + got + " bytes of " + size;
        failure = got > size ? Failure.DAMAGED : Failure.BROKEN;
        if (got > size || want == null) {
          DownloadFiles.discard(part, etag);
        }
        continue;
      }
      if (want != null && !sha.equals(want.sha256())) {
        DownloadFiles.discard(part, etag);
        disagreement(item, sha);
        reason = "SHA-256 " + sha + " is not " + want.sha256() + " (" + want.source() + ")";
        failure = Failure.DAMAGED;
        continue;
      }
      DownloadFiles.move(part, target);
      DownloadFiles.discard(etag);
      Outcome done = new Outcome(item, target, size, sha, want == null ? null : want.source(), false, attempt);
      listener.finished(done);
      return done;
    }
    if (failure == Failure.DAMAGED) {
      throw new CrossbatchException(ErrorKind.INTEGRITY, item.fileName() + " was damaged on each of " + options.attempts()
          + " attempts, last: " + reason, "nothing was kept under its name; if it keeps failing, the object in " + store.location() + " is damaged");
    }
    throw new CrossbatchException(ErrorKind.AWS, item.fileName() + " could not be downloaded whole after " + options.attempts()
        + " attempts: " + reason, "check the connection and run the download again" + (want == null ? "" : "; it resumes where it stopped"));
  }

  /**
   * Bytes that match another known source are not damaged: the best source is stale (the commit
   * was rebuilt since). Retrying cannot help; say which source disagrees and how to refresh it.
   */
  private static void disagreement(Item item, String sha) {
    Expected want = item.primary();
    for (Expected other : item.expected().subList(1, item.expected().size())) {
      if (other.sha256().equals(sha)) {
        throw new CrossbatchException(ErrorKind.INTEGRITY, item.fileName() + " has SHA-256 " + sha + ", as " + other.source()
            + " says, but " + want.source() + " says " + want.sha256() + ": the commit was built again since " + want.source() + " saw it",
            want.refresh() != null ? want.refresh() : "check which build published it; nothing was kept under its name");
      }
    }
  }

  /**
   * Appends the rest of the object to the part file, resuming when it holds the start of this
   * version and {@code resume} allows; returns the SHA-256 of the whole.
   */
  private String transfer(Item item, Path part, Path etag, Listener listener, boolean resume) throws IOException {
    StoredObject object = item.object();
    MessageDigest digest = Checksums.digest();
    long from = resume ? DownloadFiles.resumable(part, etag, object) : 0;
    if (from > 0) {
      DownloadFiles.digest(part, digest);
    } else {
      DownloadFiles.discard(part);
      DownloadFiles.write(etag, object.etag());
    }
    listener.started(item, from);
    try (FileChannel out = DownloadFiles.append(part)) {
      if (from < object.size()) {
        try (InputStream in = store.open(object, from)) {
          byte[] buffer = new byte[BUFFER];
          ByteBuffer wrap = ByteBuffer.wrap(buffer);
          for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
            wrap.clear().limit(n);
            DownloadFiles.write(out, wrap, part);
            listener.progressed(item, n);
          }
        } finally {
          DownloadFiles.force(out, part);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
