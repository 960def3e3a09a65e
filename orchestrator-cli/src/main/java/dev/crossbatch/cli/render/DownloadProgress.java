package dev.crossbatch.cli.render;

import dev.crossbatch.core.artifact.Downloader;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Download progress: on a terminal one line redrawn at most ten times a second (files, bytes, rate);
 * otherwise one line per file as it finishes. Retries are always reported.
 */
public final class DownloadProgress implements Downloader.Listener, AutoCloseable {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;
  private final boolean terminal;
  private volatile int files;
  private volatile long bytes;
  private final Instant start;
  /** Bytes on disk per file: an attempt that starts over or resumes sets its file's count anew. */
  private final Map<String, AtomicLong> done = new ConcurrentHashMap<>();
  private final AtomicInteger finished = new AtomicInteger();
  private volatile long lastDraw;

  public DownloadProgress(PrintWriter out, PrintWriter err, Clock clock, boolean terminal) {
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.terminal = terminal;
    this.start = clock.instant();
  }

  @Override
  public void planned(List<Downloader.Item> items) {
    files = items.size();
    bytes = items.stream().mapToLong(i -> i.object().size()).sum();
  }

  @Override
  public void progressed(Downloader.Item item, long n) {
    done.computeIfAbsent(item.fileName(), f -> new AtomicLong()).addAndGet(n);
    long now = clock.millis();
    if (terminal && now - lastDraw >= 100) {
      lastDraw = now;
      draw();
    }
  }

  @Override
  public void started(Downloader.Item item, long from) {
    done.computeIfAbsent(item.fileName(), f -> new AtomicLong()).set(from);
    if (from > 0) {
      line("resuming " + item.fileName() + " at " + Durations.bytes(from));
    }
  }

  @Override
  public void retrying(Downloader.Item item, String reason) {
    synchronized (this) {
      clearLine();
      err.println("crossbatch: retrying " + item.fileName() + ": " + reason);
      err.flush();
    }
  }

  @Override
  public void finished(Downloader.Outcome o) {
    finished.incrementAndGet();
    done.computeIfAbsent(o.item().fileName(), f -> new AtomicLong()).set(o.size());
    line((o.skipped() ? "present    " : "downloaded ") + o.item().fileName() + "  " + Durations.bytes(o.size())
        + "  " + (o.verifiedBy() == null ? "UNVERIFIED (no SHA-256 known; size checked)" : "sha256 ok (" + o.verifiedBy() + ")"));
  }

  private synchronized void line(String text) {
    clearLine();
    out.println(text);
    if (terminal) {
      draw();
    }
    out.flush();
  }

  private synchronized void draw() {
    out.print(status());
    out.flush();
  }

  /** The progress line: files finished, bytes on disk of all, and the rate since the start. */
  String status() {
    long bytesDone = done.values().stream().mapToLong(AtomicLong::get).sum();
    double seconds = Math.max(0.001, Duration.between(start, clock.instant()).toMillis() / 1000.0);
    return "\r\033[K" + finished.get() + "/" + files + " files  " + Durations.bytes(bytesDone) + " of " + Durations.bytes(bytes)
        + "  " + Durations.bytes((long) (bytesDone / seconds)) + "/s";
  }

  private void clearLine() {
    if (terminal) {
      out.print("\r\033[K");
    }
  }

  @Override
  public synchronized void close() {
    clearLine();
    out.flush();
  }
}
