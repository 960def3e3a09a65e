package dev.crossbatch.core.io;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.time.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One writer at a time in an output folder (a release's dist/, a download's --dest): two releases
 * of one folder would otherwise share .part files and each take the other's zip for a changed one.
 * The lock is {@code .crossbatch.lock} in the folder (hidden, so no listing takes it for an
 * artifact), held with {@link FileLock} while the folder is written and removed after; it says who
 * holds it.
 */
public final class OutputLock implements AutoCloseable {
  public static final String FILE = ".crossbatch.lock";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /**
   * What to do when another process holds the folder: refuse at once (exit 2 naming it), or wait,
   * telling {@code notice} once, polling every {@code poll}.
   */
  public record Waiting(boolean patient, Duration poll, Sleeper sleeper, Clock clock, Consumer<String> notice) {
    public static Waiting refuse(Clock clock) {
      return new Waiting(false, Duration.ofMillis(250), d -> { }, clock, n -> { });
    }
  }

  private final FileLock lock;
  private final Path dir;
  private final String since;
  private final boolean created;

  private OutputLock(FileLock lock, Path dir, String since, boolean created) {
    this.lock = lock;
    this.dir = dir;
    this.since = since;
    this.created = created;
  }

  /** Takes the folder for {@code what} ("crossbatch release"), creating it if need be. */
  public static OutputLock acquire(Path dir, String what, Waiting waiting) {
    Path file = dir.resolve(FILE);
    boolean created = !Files.isDirectory(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw IoErrors.cannot("create", dir, e);
    }
    try {
      Optional<FileLock> free = FileLock.tryAcquire(file, true);
      FileLock lock;
      if (free.isPresent()) {
        lock = free.get();
      } else {
        String holder = holderOf(file);
        if (!waiting.patient()) {
          throw CrossbatchException.usage(dir + " is in use by " + holder + "; two runs writing one folder would spoil each other's files",
              "wait until it ends, or add --wait-lock to wait for it here");
        }
        waiting.notice().accept("waiting for " + holder + " to finish with " + dir);
        lock = FileLock.acquire(file, true, waiting.poll(), waiting.sleeper());
      }
      OutputLock taken = new OutputLock(lock, dir, TIME.format(waiting.clock().instant().atZone(ZoneId.systemDefault())), created);
      taken.describe(what);
      return taken;
    } catch (IOException e) {
      throw IoErrors.cannot("write", file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrossbatchException(ErrorKind.INTERRUPTED, "interrupted while waiting for " + dir, null);
    }
  }

  /** Who holds the folder now, for a message; empty when nobody does. */
  public static Optional<String> holder(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      return FileLock.heldElsewhere(file) ? Optional.of(holderOf(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String holderOf(Path file) {
    String said = FileLock.holder(file);
    return said.isEmpty() ? "another crossbatch" : said;
  }

  /** Says what holds the folder now: "crossbatch release of batch hello-release:…". */
  public void describe(String what) {
    try {
      lock.describe(what + " (pid " + ProcessHandle.current().pid() + ", since " + since + ")");
    } catch (IOException e) {
      // the lock holds all the same; only the name it gives to others is lost
    }
  }

  public Path dir() {
    return dir;
  }

  /** Releases the folder; one this lock created and nothing was written to goes too. */
  @Override
  public void close() {
    lock.close();
    if (created) {
      try {
        Files.deleteIfExists(dir); // only when empty: a folder with files in it is not deleted
      } catch (IOException e) {
        // not empty, or not ours to delete: it stays
      }
    }
  }
}
