package dev.crossbatch.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the small files crossbatch takes from users and from its own folders (configs,
 * buildspecs, go.mod, SHA256SUMS, state) with a bound: anything but a regular file is refused
 * before it is opened (a FIFO would block the open, {@code /dev/zero} never ends, its size says 0),
 * and no more than the limit is ever read, whatever the file claims its size is.
 */
public final class BoundedFiles {
  /** The file is a device, a FIFO, a socket or a folder (after following links). */
  public static final class NotRegularException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String what;

    NotRegularException(Path file, String what) {
      super(file + " is " + what + ", not a regular file");
      this.what = what;
    }

    /** "a folder", "a device, FIFO or socket". */
    public String what() {
      return what;
    }
  }

  /** The file holds more than the limit. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    TooLargeException(Path file, long limit) {
      super(file + " is larger than " + limit + " bytes");
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }

  private BoundedFiles() {}

  /** The bytes of a regular file of at most {@code max} bytes. */
  public static byte[] read(Path file, int max) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new NotRegularException(file, attributes.isDirectory() ? "a folder" : "a device, FIFO or socket");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw new TooLargeException(file, max);
      }
      return bytes;
    }
  }

  /** The text of a regular file of at most {@code max} bytes, as UTF-8 (malformed bytes replaced). */
  public static String readString(Path file, int max) throws IOException {
    return new String(read(file, max), StandardCharsets.UTF_8);
  }
}
