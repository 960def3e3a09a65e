package dev.crossbatch.core.io;

import dev.crossbatch.core.error.CrossbatchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes a file so that readers see the old content or the new one, never a part of it. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Whether the file system of {@code file} keeps POSIX modes (not so on Windows, or in a zip). */
  public static boolean posix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Sets a file's mode; on a file system without POSIX modes its default applies. */
  public static void setMode(Path file, Set<PosixFilePermission> mode) throws IOException {
    if (posix(file)) {
      Files.setPosixFilePermissions(file, mode);
    }
  }

  public static void write(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  public static void write(Path target, byte[] bytes) {
    write(target, bytes, true);
  }

  /** Renames {@code from} to {@code target} atomically, replacing it; a plain rename where the file system has no atomic one. */
  public static void replace(Path from, Path target) throws IOException {
    try {
      Files.move(from, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * @param durable whether to fsync before the rename: yes for files users keep (zips' SHA256SUMS,
   *     generated files), no for state other processes only need to see whole
   */
  public static void write(Path target, byte[] bytes, boolean durable) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      // a temp file is created private (0600); the file it replaces keeps its mode, a new one is 0644
      if (posix(temp)) {
        Files.setPosixFilePermissions(temp, Files.exists(target) ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--"));
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        if (durable) {
          channel.force(true);
        }
      }
      replace(temp, target);
      temp = null;
    } catch (IOException e) {
      throw CrossbatchException.usage("cannot write " + target + ": " + e.getMessage(), "check that the folder exists and is writable");
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the temp file has a dot name; leaving it behind is harmless
        }
      }
    }
  }
}
