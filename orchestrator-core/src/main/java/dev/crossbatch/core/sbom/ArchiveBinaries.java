package dev.crossbatch.core.sbom;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.golang.GoBuildInfo;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The executables in a release archive (zip, tar.gz, or a bare binary), each with its SHA-256 and
 * the Go build information read from it. Other files (LICENSE, README) are not listed. An archive
 * is untrusted input: one executable is read whole only up to {@link #MAX_BINARY_BYTES}.
 */
public final class ArchiveBinaries {
  /** An executable larger than this is not a release binary read here. */
  public static final int MAX_BINARY_BYTES = 1 << 30;

  /**
   * One executable: its path inside the archive, size, SHA-256, and its Go build information, or
   * why there is none ({@code unread}).
   */
  public record Binary(String path, long size, String sha256, Optional<GoBuildInfo> go, String unread) {}

  /** An archive that cannot be read as one. */
  public static final class Unreadable extends Exception {
    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private ArchiveBinaries() {}

  public static List<Binary> of(Path archive) throws Unreadable {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(archive)) {
      int n = in.readNBytes(head, 0, 4);
      if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
        return zip(archive);
      }
      if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
        return tarGz(archive);
      }
    } catch (IOException e) {
      throw new Unreadable("cannot read " + archive.getFileName() + ": " + e.getMessage(), e);
    }
    try (InputStream in = Files.newInputStream(archive)) {
      return binary(archive.getFileName().toString(), in).map(List::of).orElse(List.of());
    } catch (IOException e) {
      throw new Unreadable("cannot read " + archive.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private static List<Binary> zip(Path archive) throws Unreadable {
    List<Binary> binaries = new ArrayList<>();
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        if (!entry.isDirectory() && !entry.isUnixSymlink()) {
          try (InputStream in = zip.getInputStream(entry)) {
            binary(entry.getName(), in).ifPresent(binaries::add);
          }
        }
      }
    } catch (IOException e) {
      throw new Unreadable(archive.getFileName() + " is not a readable zip: " + e.getMessage(), e);
    }
    return binaries;
  }

  private static List<Binary> tarGz(Path archive) throws Unreadable {
    List<Binary> binaries = new ArrayList<>();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
         TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.isFile()) {
          binary(entry.getName(), tar).ifPresent(binaries::add);
        }
      }
    } catch (IOException e) {
      throw new Unreadable(archive.getFileName() + " is not a readable tar.gz: " + e.getMessage(), e);
    }
    return binaries;
  }

  /** The entry read from {@code in} when it is an executable; its bytes are held only while read. */
  private static Optional<Binary> binary(String path, InputStream in) throws IOException {
    byte[] head = in.readNBytes(4);
    if (GoBuildInfo.executable(head).isEmpty()) {
      return Optional.empty();
    }
    byte[] rest = in.readNBytes(MAX_BINARY_BYTES - head.length);
    if (in.read() >= 0) {
      throw new IOException(path + " is larger than " + (MAX_BINARY_BYTES >> 20) + " MiB");
    }
    byte[] bytes = new byte[head.length + rest.length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    System.arraycopy(rest, 0, bytes, head.length, rest.length);
    String sha256 = Checksums.sha256Hex(bytes);
    try {
      return Optional.of(new Binary(path, bytes.length, sha256, GoBuildInfo.read(bytes), null));
    } catch (GoBuildInfo.Unreadable e) {
      return Optional.of(new Binary(path, bytes.length, sha256, Optional.empty(), e.getMessage()));
    }
  }
}
