package dev.crossbatch.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock on a file, held by this process until closed, and by nobody once the process
 * is gone, whatever way it ended (the system drops the locks of a dead process, so a crash never
 * leaves one behind, and a PID the system hands to a stranger proves nothing). The file also says,
 * in one line, who holds it. Within this JVM a second lock on the same file counts as held
 * elsewhere, as it would be in another process.
 *
 * <p>The locks are POSIX record locks, which belong to the process: closing <em>any</em> descriptor
 * of the file drops them. So while this JVM holds a file's lock, nothing here opens that file again;
 * the process-wide table below (the one mutable static, as the locks themselves are process-wide)
 * answers for it instead.
 *
 * <p>A lock taken with {@code removeOnClose} deletes its file when released, so that it leaves
 * nothing in a user's folder. That is safe because the file is deleted while still locked, and
 * whoever locks a file checks that the path still names the very file it locked (the inode it
 * holds, seen through /proc/self/fd, against the one at the path), and tries again if not. Where
 * there is no /proc to check with, the file stays.
 */
public final class FileLock implements AutoCloseable {
  private static final java.util.Map<Path, FileLock> HELD = new java.util.concurrent.ConcurrentHashMap<>();

  private static final Path OWN_DESCRIPTORS = Path.of("/proc/self/fd");

  private final Path file;
  private final FileChannel channel;
  private final java.nio.channels.FileLock lock;
  private final boolean removeOnClose;
  private volatile String holder = "";

  private FileLock(Path file, FileChannel channel, java.nio.channels.FileLock lock, boolean removeOnClose) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.removeOnClose = removeOnClose;
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }

  /** The lock when it is free now; empty when someone holds it (this JVM included). The file stays when released. */
  public static Optional<FileLock> tryAcquire(Path file) throws IOException {
    return tryAcquire(file, false);
  }

  /** As {@link #tryAcquire(Path)}; with {@code removeOnClose} the file goes when the lock is released (see the class comment). */
  public static Optional<FileLock> tryAcquire(Path file, boolean removeOnClose) throws IOException {
    synchronized (HELD) {
      if (HELD.containsKey(key(file))) {
        return Optional.empty();
      }
      for (int attempt = 0; attempt < 100; attempt++) {
        FileChannel channel = open(file);
        java.nio.channels.FileLock lock = null;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          // not through this table, but this JVM holds it: as good as elsewhere
        }
        if (lock == null) {
          channel.close();
          return Optional.empty();
        }
        Boolean same = stillAtItsPath(file);
        if (same == null || same) {
          return Optional.of(held(new FileLock(file, channel, lock, removeOnClose && same != null)));
        }
        channel.close(); // the holder before removed the file it had locked: lock the one at the path now
      }
      throw new IOException("the lock file " + file + " keeps being replaced");
    }
  }

  /**
   * Whether the file this process just locked (its one open descriptor of {@code file}) is still the
   * file at the path: false when it was removed or replaced since it was opened; null when this
   * system has no /proc to tell.
   */
  private static Boolean stillAtItsPath(Path file) throws IOException {
    if (!Files.isDirectory(OWN_DESCRIPTORS)) {
      return null;
    }
    Path real = file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName()); // as /proc/self/fd shows it
    Object atPath;
    try {
      atPath = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
    try (java.util.stream.Stream<Path> descriptors = Files.list(OWN_DESCRIPTORS)) {
      for (Path fd : descriptors.toList()) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          continue; // closed meanwhile
        }
        if (target.equals(real.toString()) || target.equals(real + " (deleted)")) {
          Object held = Files.readAttributes(fd, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
          return held != null && held.equals(atPath);
        }
      }
    }
    return null; // not found under the name it was opened with: cannot tell, so the file is kept
  }

  /** Waits until the lock is free, polling every {@code poll}; an interrupt of the sleeper ends the wait. */
  public static FileLock acquire(Path file, boolean removeOnClose, java.time.Duration poll, dev.crossbatch.core.time.Sleeper sleeper)
      throws IOException, InterruptedException {
    while (true) {
      Optional<FileLock> lock = tryAcquire(file, removeOnClose);
      if (lock.isPresent()) {
        return lock.get();
      }
      sleeper.sleep(poll);
    }
  }

  private static FileLock held(FileLock lock) {
    HELD.put(key(lock.file), lock);
    return lock;
  }

  /** Whether a living process holds the lock on {@code file} (false when there is no such file). */
  public static boolean heldElsewhere(Path file) throws IOException {
    if (HELD.containsKey(key(file))) {
      return true;
    }
    if (!Files.exists(file)) {
      return false;
    }
    Optional<FileLock> mine = tryAcquire(file);
    mine.ifPresent(FileLock::close);
    return mine.isEmpty();
  }

  /** What the holder wrote about itself; empty when unreadable. */
  public static String holder(Path file) {
    FileLock mine = HELD.get(key(file));
    if (mine != null) {
      return mine.holder;
    }
    try {
      return BoundedFiles.readString(file, 4096).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static FileChannel open(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  /** Says who holds the lock, for whoever finds it held. */
  public void describe(String holder) throws IOException {
    this.holder = holder;
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    synchronized (HELD) {
      if (HELD.remove(key(file), this)) {
        try {
          if (removeOnClose) {
            Files.deleteIfExists(file); // while still locked: see the class comment
          }
          lock.release();
          channel.close();
        } catch (IOException e) {
          // closing the channel drops the lock whatever happens; the process ending drops it too
        }
      }
    }
  }
}
