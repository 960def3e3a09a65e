package dev.crossbatch.core.artifact;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a downloaded zip into one folder, refusing what could write elsewhere or fill the disk.
 *
 * <ul>
 *   <li>Names: absolute, {@code ..}, backslashes, NUL and duplicates are refused.
 *   <li>Symlinks: refused, unless allowed; then they are made last, after every file and folder,
 *       so that no entry is ever written through one, and each must resolve inside the folder
 *       against the tree as it then is (following links in it, as the system would). No entry may
 *       have a link among its parents.
 *   <li>Bombs: a bound on the bytes actually inflated (absolute), on the ratio of the whole
 *       archive's inflated bytes to its size, on one entry's ratio, and on the entry count.
 * </ul>
 *
 * It unpacks into a hidden folder beside the target (inside the same destination) and renames it at
 * the end, so a refused or interrupted zip leaves nothing under the final name, and nothing at all.
 */
public final class ZipExtractor {
  /**
   * @param maxRatio inflated to compressed size, of one entry and of the whole archive, checked once
   *     the inflated bytes pass {@code ratioFloor} (small files compress far better than binaries, legitimately)
   */
  public record Limits(long maxTotalBytes, int maxEntries, long maxRatio, long ratioFloor) {
    public static final long DEFAULT_TOTAL = 4L << 30;
    public static final Limits DEFAULT = new Limits(DEFAULT_TOTAL, 10_000, 200, 1 << 20);

    public Limits withMaxTotalBytes(long bytes) {
      return new Limits(bytes, maxEntries, maxRatio, ratioFloor);
    }
  }

  /** How to unpack: the limits, and whether symlinks that stay inside the folder are kept. */
  public record Options(Limits limits, boolean allowSymlinks) {
    public static final Options DEFAULT = new Options(Limits.DEFAULT, false);
  }

  static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private ZipExtractor() {}

  /** Unpacks {@code zip} into {@code target} (replacing it); on refusal throws an integrity error naming the zip and entry. */
  public static void extract(Path zip, Path target, Options options) {
    Path staging = target.resolveSibling("." + target.getFileName() + ".extracting");
    try {
      deleteTree(staging);
      Files.createDirectories(staging);
      Path root = staging.toRealPath();
      try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
        List<ZipArchiveEntry> entries = Collections.list(file.getEntriesInPhysicalOrder());
        Map<String, ZipArchiveEntry> links = check(zip, entries, options);
        Budget budget = new Budget(zip, options.limits(), Files.size(zip), "zip", "a zip bomb");
        for (ZipArchiveEntry entry : entries) {
          String name = entry.getName();
          if (links.containsKey(name)) {
            continue;
          }
          Path out = inside(zip, root, name);
          if (entry.isDirectory()) {
            makeFolders(zip, root, out, name);
            continue;
          }
          makeFolders(zip, root, out.getParent(), name);
          copy(file, entry, out, budget);
          int mode = entry.getUnixMode() & 0777;
          if (mode != 0) {
            setMode(out, mode);
          }
        }
        ZipLinks.make(zip, file, root, links);
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

  /** Every name checked before anything is written; returns the symlink entries by name. */
  private static Map<String, ZipArchiveEntry> check(Path zip, List<ZipArchiveEntry> entries, Options options) {
    if (entries.size() > options.limits().maxEntries()) {
      throw refuse(zip, null, "it has " + entries.size() + " entries, more than " + options.limits().maxEntries());
    }
    Set<String> seen = new HashSet<>();
    Map<String, ZipArchiveEntry> links = new LinkedHashMap<>();
    for (ZipArchiveEntry entry : entries) {
      String name = checkedName(zip, entry.getName());
      if (!seen.add(trimmed(name))) {
        throw refuse(zip, entry.getName(), "the name appears twice");
      }
      if (entry.isUnixSymlink()) {
        if (!options.allowSymlinks()) {
          throw new CrossbatchException(ErrorKind.INTEGRITY, "refused to unpack " + zip.getFileName() + ": entry '" + entry.getName()
              + "' is a symlink", "nothing was unpacked from it; --allow-symlinks keeps symlinks that stay inside the folder");
        }
        links.put(name, entry);
      }
    }
    for (ZipArchiveEntry entry : entries) {
      String name = entry.getName();
      for (int slash = name.indexOf('/'); slash > 0 && slash < name.length() - 1; slash = name.indexOf('/', slash + 1)) {
        if (links.containsKey(name.substring(0, slash))) {
          throw refuse(zip, name, "it would be written through the symlink '" + name.substring(0, slash) + "'");
        }
      }
    }
    return links;
  }

  static String trimmed(String name) {
    return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
  }

  /** The entry name, refused when it is absolute, climbs with '..', or uses backslashes. */
  static String checkedName(Path zip, String name) {
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

  static Path inside(Path zip, Path root, String name) {
    Path out = root.resolve(name).normalize();
    if (!out.startsWith(root) || out.equals(root)) {
      throw refuse(zip, name, "it would be written outside the folder");
    }
    return out;
  }

  /** Creates the folders down to {@code dir} one at a time, never through a link. */
  static void makeFolders(Path zip, Path root, Path dir, String entry) throws IOException {
    Path at = root;
    for (Path part : root.relativize(dir)) {
      at = at.resolve(part);
      if (Files.isSymbolicLink(at)) {
        throw refuse(zip, entry, "a symlink is among its folders");
      }
      if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(at);
      }
    }
  }

  /**
   * Bytes unpacked so far, against the absolute bound and the archive's ratio: one budget for the
   * zip and the tar.gz extractor.
   *
   * @param kind what the archive is called in a refusal ("zip", "tar.gz")
   * @param bomb what it would then be ("a zip bomb", "a bomb")
   */
  static final class Budget {
    private final Path zip;
    private final Limits limits;
    private final long archive;
    private final String kind;
    private final String bomb;
    private long total;

    Budget(Path zip, Limits limits, long archive, String kind, String bomb) {
      this.zip = zip;
      this.limits = limits;
      this.archive = Math.max(1, archive);
      this.kind = kind;
      this.bomb = bomb;
    }

    void spend(String entry, long n) {
      total += n;
      if (total > limits.maxTotalBytes()) {
        throw refuse(zip, entry, "the " + kind + " inflates to more than " + limits.maxTotalBytes() + " bytes (" + bomb + "? --max-unpacked-size raises the bound)");
      }
      if (total > limits.ratioFloor() && total / archive > limits.maxRatio()) {
        throw refuse(zip, entry, "the " + kind + " inflates more than " + limits.maxRatio() + " times its size of " + archive + " bytes (" + bomb + "?)");
      }
    }
  }

  private static void copy(ZipFile file, ZipArchiveEntry entry, Path out, Budget budget) throws IOException {
    long compressed = Math.max(1, entry.getCompressedSize());
    long written = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = file.getInputStream(entry);
        OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        written += n;
        budget.spend(entry.getName(), n);
        if (written > budget.limits.ratioFloor() && written / compressed > budget.limits.maxRatio()) {
          throw refuse(budget.zip, entry.getName(), "it inflates more than " + budget.limits.maxRatio() + " times its compressed size (a zip bomb?)");
        }
        os.write(buffer, 0, n);
      }
    }
  }

  static void setMode(Path file, int mode) throws IOException {
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

  static CrossbatchException refuse(Path zip, String entry, String why) {
    return new CrossbatchException(ErrorKind.INTEGRITY,
        "refused to unpack " + zip.getFileName() + (entry == null ? "" : ": entry '" + entry + "'") + ": " + why,
        "nothing was unpacked from it; the archive is not one crossbatch or CodeBuild made, or it was tampered with");
  }

  static void deleteTree(Path dir) throws IOException {
    Trees.delete(dir);
  }

  static void quietlyDelete(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException ignored) {
      // a hidden leftover; the next extraction clears it first
    }
  }
}
