package dev.crossbatch.core.artifact;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a downloaded zip into one folder, refusing what could write elsewhere or fill the disk:
 * absolute names, {@code ..}, backslashes, symlinks leading out, duplicate entries, and bombs
 * (limits on total size, compression ratio and entry count, counted on the bytes actually
 * inflated). It unpacks into a hidden folder beside the target and renames it at the end, so a
 * refused or interrupted zip leaves nothing under the final name.
 */
public final class ZipExtractor {
  /**
   * @param maxRatio inflated to compressed size, checked once an entry passes {@code ratioFloor}
   *     bytes (small files compress far better than binaries, legitimately)
   */
  public record Limits(long maxTotalBytes, int maxEntries, long maxRatio, long ratioFloor) {
    public static final Limits DEFAULT = new Limits(4L << 30, 10_000, 200, 1 << 20);
  }

  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
  private static final int MAX_LINK = 4096;

  private ZipExtractor() {}

  /** Unpacks {@code zip} into {@code target} (replacing it); on refusal throws an integrity error naming the zip and entry. */
  public static void extract(Path zip, Path target, Limits limits) {
    Path staging = target.resolveSibling("." + target.getFileName() + ".extracting");
    try {
      deleteTree(staging);
      Files.createDirectories(staging);
      Path root = staging.toRealPath();
      try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
        List<ZipArchiveEntry> entries = Collections.list(file.getEntriesInPhysicalOrder());
        if (entries.size() > limits.maxEntries()) {
          throw refuse(zip, null, "it has " + entries.size() + " entries, more than " + limits.maxEntries());
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (ZipArchiveEntry entry : entries) {
          String name = checkedName(zip, entry.getName());
          if (!seen.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name)) {
            throw refuse(zip, entry.getName(), "the name appears twice");
          }
          Path out = root.resolve(name).normalize();
          if (!out.startsWith(root)) {
            throw refuse(zip, entry.getName(), "it would be written outside the folder");
          }
          if (entry.isDirectory()) {
            Files.createDirectories(out);
            continue;
          }
          Path parent = out.getParent();
          Files.createDirectories(parent);
          if (!parent.toRealPath().startsWith(root)) {
            throw refuse(zip, entry.getName(), "a symlink earlier in the zip leads it outside the folder");
          }
          if (entry.isUnixSymlink()) {
            String link;
            try (InputStream in = file.getInputStream(entry)) {
              link = new String(in.readNBytes(MAX_LINK), StandardCharsets.UTF_8);
            }
            if (link.isEmpty() || link.startsWith("/") || link.contains("\\") || DRIVE.matcher(link).matches()
                || !parent.resolve(link).normalize().startsWith(root)) {
              throw refuse(zip, entry.getName(), "it is a symlink to " + link + ", outside the folder");
            }
            Files.createSymbolicLink(out, Path.of(link));
            continue;
          }
          total += copy(file, entry, out, zip, limits, limits.maxTotalBytes() - total);
          int mode = entry.getUnixMode() & 0777;
          if (mode != 0) {
            setMode(out, mode);
          }
        }
      }
      deleteTree(target);
      Files.move(staging, target);
    } catch (CrossbatchException e) {
      quietlyDelete(staging);
      throw e;
    } catch (FileAlreadyExistsException e) {
      quietlyDelete(staging);
      throw refuse(zip, null, "two entries write " + e.getFile());
    } catch (IOException e) {
      quietlyDelete(staging);
      throw new CrossbatchException(ErrorKind.INTEGRITY, "cannot unpack " + zip.getFileName() + ": " + e.getMessage(),
          "the zip is damaged; download it again");
    }
  }

  /** The entry name, refused when it is absolute, climbs with '..', or uses backslashes. */
  private static String checkedName(Path zip, String name) {
    if (name.isEmpty() || name.contains("\\")) {
      throw refuse(zip, name, name.isEmpty() ? "an entry has no name" : "backslashes in names are not portable and may climb out on Windows");
    }
    if (name.startsWith("/") || DRIVE.matcher(name).matches()) {
      throw refuse(zip, name, "the name is absolute");
    }
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        throw refuse(zip, name, "the name climbs out with '..'");
      }
      if (segment.indexOf('\0') >= 0) {
        throw refuse(zip, name, "the name has a NUL character");
      }
    }
    return name;
  }

  private static long copy(ZipFile file, ZipArchiveEntry entry, Path out, Path zip, Limits limits, long budget) throws IOException {
    long compressed = Math.max(1, entry.getCompressedSize());
    long written = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = file.getInputStream(entry); OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        written += n;
        if (written > budget) {
          throw refuse(zip, entry.getName(), "the zip inflates to more than " + limits.maxTotalBytes() + " bytes (a zip bomb?)");
        }
        if (written > limits.ratioFloor() && written / compressed > limits.maxRatio()) {
          throw refuse(zip, entry.getName(), "it inflates more than " + limits.maxRatio() + " times its compressed size (a zip bomb?)");
        }
        os.write(buffer, 0, n);
      }
    }
    return written;
  }

  private static void setMode(Path file, int mode) throws IOException {
    Set<PosixFilePermission> permissions = new HashSet<>();
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        permissions.add(bits[i]);
      }
    }
    permissions.add(PosixFilePermission.OWNER_READ);
    permissions.add(PosixFilePermission.OWNER_WRITE);
    AtomicFiles.setMode(file, permissions);
  }

  private static CrossbatchException refuse(Path zip, String entry, String why) {
    return new CrossbatchException(ErrorKind.INTEGRITY,
        "refused to unpack " + zip.getFileName() + (entry == null ? "" : ": entry '" + entry + "'") + ": " + why,
        "nothing was unpacked from it; the zip is not one crossbatch or CodeBuild made, or it was tampered with");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void quietlyDelete(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException ignored) {
      // a hidden leftover; the next extraction clears it first
    }
  }
}
