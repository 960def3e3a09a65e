package dev.crossbatch.cli;

import dev.crossbatch.core.artifact.Checksums;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the id of the distribution's jar (Maven's package phase runs it, after the jar is made):
 * the first 16 hex digits of its SHA-256. The launcher names its class-data archive after it. The
 * build is reproducible, so every jar has the same modification time, and Java accepts an archive
 * for a jar of the same path, size and time: without the id, a rebuilt jar of the same size would
 * run with the classes of the one before it (docs/decisions/0039).
 */
public final class JarId {
  private JarId() {}

  /** @param args the jar, then the file to write */
  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args[1]), of(Path.of(args[0])) + "\n", StandardCharsets.US_ASCII);
  }

  static String of(Path jar) throws IOException {
    return Checksums.sha256(jar).substring(0, 16);
  }
}
