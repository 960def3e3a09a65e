package dev.crossbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a command needs from the outside world: the folder it was started in and where to print.
 * Tests pass their own.
 */
public record CliContext(Path workDir, PrintWriter out, PrintWriter err, boolean color) {
  /** A path as the user typed it, resolved against the start folder. */
  public Path resolve(String path) {
    return workDir.resolve(path).normalize();
  }
}
