package dev.crossbatch.core.artifact;

import dev.crossbatch.core.batch.Sleeper;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Downloads artifacts into a folder so that a file under its final name is always whole and
 * verified: each is streamed to {@code NAME.part} (the object's version beside it in
 * {@code NAME.part.etag}, so a later run resumes with Range + If-Match), fsynced, checked for size
 * and SHA-256, then renamed. Truncations and mismatches are retried; files already present and
 * verified are skipped.
 */
public final class Downloader {
  /** A SHA-256 to check against and where it comes from ("CodeBuild", a SHA256SUMS, "S3"). */
  public record Expected(String sha256, String source) {}

  /** One artifact to fetch, as {@code fileName} in the destination. */
  public record Item(StoredObject object, String fileName, Expected expected) {}

  /**
   * What happened to one file.
   *
   * @param verifiedBy the source of the SHA-256 it matched, or null when only its size could be checked
   * @param skipped it was already there, whole and verified
   */
  public record Outcome(Item item, Path file, long size, String sha256, String verifiedBy, boolean skipped, int attempts) {}

  /** Progress, called from the download threads. */
  public interface Listener {
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
   * attempted; the first failure is then thrown (an integrity error names the file).
   *
   * @param previous SHA256SUMS already in {@code dest}, to recognise files fetched before when no
   *     other source knows their SHA-256
   */
  public List<Outcome> download(List<Item> items, Path dest, Map<String, String> previous, Listener listener) {
    try {
      Files.createDirectories(dest);
    } catch (IOException e) {
      throw CrossbatchException.usage("cannot create " + dest + ": " + e.getMessage(), "pick another --dest");
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallelism(), items.size())), r -> {
      Thread t = new Thread(r, "download");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Item item : items) {
        futures.add(pool.submit(() -> fetch(item, dest, previous.get(item.fileName()), listener)));
      }
      List<Outcome> outcomes = new ArrayList<>();
      RuntimeException first = null;
      for (Future<Outcome> f : futures) {
        try {
          outcomes.add(f.get());
        } catch (ExecutionException e) {
          RuntimeException failure = e.getCause() instanceof RuntimeException r ? r
              : e.getCause() instanceof InterruptedException ? new CrossbatchException(ErrorKind.INTERRUPTED, "download interrupted; the next run resumes it", null)
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
      throw new CrossbatchException(ErrorKind.INTERRUPTED, "download interrupted; the next run resumes it", null);
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome fetch(Item item, Path dest, String previousSha, Listener listener) throws InterruptedException {
    Path target = dest.resolve(item.fileName());
    Path part = dest.resolve(item.fileName() + PART);
    Path etag = dest.resolve(item.fileName() + ETAG);
    long size = item.object().size();
    String want = item.expected() == null ? previousSha : item.expected().sha256();
    try {
      if (Files.isRegularFile(target) && Files.size(target) == size && want != null && Checksums.sha256(target).equals(want)) {
        Outcome skipped = new Outcome(item, target, size, want, source(item, previousSha), true, 0);
        listener.finished(skipped);
        return skipped;
      }
    } catch (IOException e) {
      // unreadable: fetch it again
    }
    String reason = null;
    try {
      Files.createDirectories(target.getParent()); // a path with folders keeps the store's layout
    } catch (IOException e) {
      throw CrossbatchException.usage("cannot create " + target.getParent() + ": " + e.getMessage(), "pick another destination");
    }
    for (int attempt = 1; attempt <= options.attempts(); attempt++) {
      if (attempt > 1) {
        listener.retrying(item, reason);
        sleeper.sleep(options.backoff().multipliedBy(attempt - 1));
      }
      try {
        String sha = transfer(item, part, etag, listener);
        long got = Files.size(part);
        if (got != size) {
          reason = "got " + got + " bytes of " + size;
          if (got > size) {
            discard(part, etag);
          }
          continue;
        }
        if (item.expected() != null && !sha.equals(item.expected().sha256())) {
          reason = "SHA-256 " + sha + " is not " + item.expected().sha256() + " (" + item.expected().source() + ")";
          discard(part, etag);
          continue;
        }
        move(part, target);
        Files.deleteIfExists(etag);
        Outcome done = new Outcome(item, target, size, sha, item.expected() == null ? null : item.expected().source(), false, attempt);
        listener.finished(done);
        return done;
      } catch (ArtifactStore.ChangedException e) {
        discard(part, etag);
        throw new CrossbatchException(ErrorKind.INTEGRITY, item.fileName() + ": " + e.getMessage(),
            "run the download again; it lists the store afresh");
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException();
        }
        reason = e.getMessage();
      }
    }
    throw new CrossbatchException(ErrorKind.INTEGRITY, item.fileName() + " could not be downloaded whole after " + options.attempts()
        + " attempts: " + reason, "run the download again (it resumes); if it keeps failing, the object in " + store.location() + " is damaged");
  }

  private static String source(Item item, String previousSha) {
    return item.expected() != null ? item.expected().source() : previousSha != null ? "an earlier download's SHA256SUMS" : null;
  }

  /** Appends the rest of the object to the part file (resuming when it holds the start of this version); returns the SHA-256 of the whole. */
  private String transfer(Item item, Path part, Path etag, Listener listener) throws IOException {
    StoredObject object = item.object();
    MessageDigest digest = Checksums.digest();
    long from = 0;
    if (Files.isRegularFile(part) && Files.isRegularFile(etag)
        && Files.readString(etag, StandardCharsets.UTF_8).equals(object.etag()) && Files.size(part) <= object.size()) {
      from = Files.size(part);
      try (InputStream in = Files.newInputStream(part)) {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    } else {
      Files.deleteIfExists(part);
      Files.writeString(etag, object.etag(), StandardCharsets.UTF_8);
    }
    listener.started(item, from);
    try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      if (from < object.size()) {
        try (InputStream in = store.open(object, from)) {
          byte[] buffer = new byte[BUFFER];
          ByteBuffer wrap = ByteBuffer.wrap(buffer);
          for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
            wrap.clear().limit(n);
            while (wrap.hasRemaining()) {
              out.write(wrap);
            }
            listener.progressed(item, n);
          }
        } finally {
          out.force(true);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void move(Path part, Path target) throws IOException {
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void discard(Path part, Path etag) {
    try {
      Files.deleteIfExists(part);
      Files.deleteIfExists(etag);
    } catch (IOException ignored) {
      // the next attempt truncates it
    }
  }
}
