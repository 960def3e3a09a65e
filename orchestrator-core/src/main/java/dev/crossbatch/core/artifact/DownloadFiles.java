package dev.crossbatch.core.artifact;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * The download's own file operations. Their failures (a full disk, a read-only folder) are the
 * destination's, said with the system's reason and exit 2, never mistaken for a damaged object.
 */
final class DownloadFiles {
  private static final int BUFFER = 1 << 20;

  private DownloadFiles() {}

  static CrossbatchException failed(String what, Path file, IOException e) {
    return IoErrors.cannot(what, file, e);
  }

  static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw failed("create", dir, e);
    }
  }

  /** Whether {@code file} is there, of {@code size} bytes and that SHA-256. */
  static boolean holds(Path file, long size, String sha256) {
    try {
      return Files.isRegularFile(file) && Files.size(file) == size && Checksums.sha256(file).equals(sha256);
    } catch (IOException e) {
      return false; // unreadable: fetch it again
    }
  }

  /** How many bytes of this very version the part holds, when they may be resumed from; else 0. */
  static long resumable(Path part, Path etag, StoredObject object) {
    try {
      return Files.isRegularFile(part) && Files.isRegularFile(etag) && Files.size(etag) < 4096
          && Files.readString(etag, StandardCharsets.UTF_8).equals(object.etag()) && Files.size(part) <= object.size() ? Files.size(part) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  static void digest(Path file, MessageDigest digest) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw failed("read", file, e);
    }
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw failed("read", file, e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failed("write", file, e);
    }
  }

  static FileChannel append(Path file) {
    try {
      return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw failed("write", file, e);
    }
  }

  static void write(FileChannel out, ByteBuffer bytes, Path file) {
    try {
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw failed("write", file, e);
    }
  }

  static void force(FileChannel out, Path file) {
    try {
      out.force(true);
    } catch (IOException e) {
      throw failed("write", file, e);
    }
  }

  static void move(Path part, Path target) {
    try {
      AtomicFiles.replace(part, target);
    } catch (IOException e) {
      throw failed("rename " + part.getFileName() + " to", target, e);
    }
  }

  static void discard(Path... files) {
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException ignored) {
        // the next attempt truncates it
      }
    }
  }
}
