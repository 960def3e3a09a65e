package dev.crossbatch.core.io;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** Failures of crossbatch's own file operations, said with the system's reason ("No space left on device"). */
public final class IoErrors {
  private IoErrors() {}

  /** The system's reason for a failed file operation, without the path the message repeats. */
  public static String reason(IOException e) {
    if (e instanceof FileSystemException fs) {
      if (fs.getReason() != null) {
        return fs.getReason();
      }
      return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * A destination that cannot be written: exit 2 with the system's reason, never taken for a
   * damaged download or a bug.
   */
  public static CrossbatchException cannot(String what, Path file, IOException e) {
    return new CrossbatchException(ErrorKind.USAGE, "cannot " + what + " " + file + ": " + reason(e),
        "free space or pick a --dest that can be written; nothing was kept under a final name");
  }
}
