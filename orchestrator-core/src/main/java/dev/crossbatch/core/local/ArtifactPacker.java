package dev.crossbatch.core.local;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.buildspec.Buildspec;
import dev.crossbatch.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Packs a build's artifacts the way CodeBuild's ZIP packaging selects them (files, base-directory,
 * discard-paths, exclude-paths), into a zip that is the same byte for byte for the same commit:
 * entries sorted, one fixed time (the commit's), Unix modes kept so binaries stay executable.
 */
final class ArtifactPacker {
  /** A packed zip: where it is, its size and SHA-256, and how many files it holds. */
  record Packed(Path file, long size, String sha256, int entries) {}

  /** Nothing matched, two files collide, or a pattern leaves the source: CodeBuild's CLIENT_ERROR. */
  static final class ArtifactException extends Exception {
    ArtifactException(String message) {
      super(message);
    }
  }

  private ArtifactPacker() {}

  /** The files to pack: zip path to file, in zip order. */
  static Map<String, Path> select(Path srcDir, Buildspec.Artifacts spec) throws ArtifactException, IOException {
    for (String pattern : concat(spec.files(), spec.excludePaths())) {
      if (Glob.escapes(pattern)) {
        throw new ArtifactException("artifact path '" + pattern + "' leaves the source folder; use paths relative to it");
      }
    }
    if (spec.baseDirectory() != null && Glob.escapes(spec.baseDirectory())) {
      throw new ArtifactException("base-directory '" + spec.baseDirectory() + "' leaves the source folder");
    }
    List<Glob> files = spec.files().stream().map(Glob::compile).toList();
    List<Glob> excludes = spec.excludePaths().stream().map(Glob::compile).toList();
    Map<String, Path> selected = new TreeMap<>();
    Map<String, String> origin = new TreeMap<>();
    for (Path base : bases(srcDir, spec.baseDirectory())) {
      for (Path file : regularFiles(base)) {
        String relative = unix(base.relativize(file));
        if (files.stream().noneMatch(g -> g.selects(relative)) || excludes.stream().anyMatch(g -> g.selects(relative))) {
          continue;
        }
        String entry = spec.discardPaths() ? file.getFileName().toString() : relative;
        String from = unix(srcDir.relativize(file));
        String earlier = origin.putIfAbsent(entry, from);
        if (earlier != null && !earlier.equals(from)) {
          throw new ArtifactException("two files would be stored as '" + entry + "' in the zip: " + earlier + " and " + from
              + (spec.discardPaths() ? " (discard-paths drops their folders)" : ""));
        }
        selected.put(entry, file);
      }
    }
    if (selected.isEmpty()) {
      throw new ArtifactException("no matching artifact paths found: files " + spec.files()
          + (spec.baseDirectory() == null ? "" : " under base-directory '" + spec.baseDirectory() + "'")
          + " matched nothing in the source folder");
    }
    return selected;
  }

  /**
   * zlib's level 5, not its default 6: for the example's six Go binaries 38 % less CPU for zips
   * 0.75 % larger, and still 1.4 % smaller than Go's own default level makes them (GoReleaser's
   * zips); deflating was a sixth of a warm release's CPU (docs/decisions/0040).
   */
  static final int LEVEL = 5;

  /** Writes {@code target} through {@code target.part}, never leaving a partial zip under its final name. */
  static Packed pack(Map<String, Path> entries, Path target, long epochMillis) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(part)) {
        zip.setLevel(LEVEL);
        zip.setEncoding("UTF-8");
        zip.setUseLanguageEncodingFlag(true);
        long dosTime = localFieldsOf(epochMillis);
        for (Map.Entry<String, Path> e : entries.entrySet()) {
          ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
          entry.setTime(dosTime);
          entry.setUnixMode(0100000 | mode(e.getValue()));
          entry.setMethod(ZipArchiveEntry.DEFLATED);
          zip.putArchiveEntry(entry);
          try (InputStream in = Files.newInputStream(e.getValue())) {
            in.transferTo(zip);
          }
          zip.closeArchiveEntry();
        }
      }
      String sha256 = Checksums.sha256(part);
      long size = Files.size(part);
      AtomicFiles.replace(part, target);
      return new Packed(target, size, sha256, entries.size());
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /**
   * ZIP stores local date and time fields, and commons-compress converts with the default time
   * zone: shift the instant so that the stored fields are the commit's UTC fields on any machine.
   */
  static long localFieldsOf(long utcMillis) {
    TimeZone zone = TimeZone.getDefault();
    long guess = utcMillis - zone.getOffset(utcMillis);
    return utcMillis - zone.getOffset(guess);
  }

  /** 755 for executables, 644 otherwise: the owner's execute bit decides, umask does not. */
  static int mode(Path file) throws IOException {
    boolean executable = AtomicFiles.posix(file) ? Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE) : Files.isExecutable(file);
    return executable ? 0755 : 0644;
  }

  private static List<Path> bases(Path srcDir, String baseDirectory) throws IOException {
    if (baseDirectory == null) {
      return List.of(srcDir);
    }
    Glob pattern = Glob.compile(baseDirectory);
    if (!baseDirectory.contains("*") && !baseDirectory.contains("?")) {
      Path base = srcDir.resolve(baseDirectory).normalize();
      return Files.isDirectory(base) ? List.of(base) : List.of();
    }
    try (Stream<Path> children = Files.list(srcDir)) {
      return children.filter(Files::isDirectory).filter(d -> pattern.matchesName(d.getFileName().toString())).sorted().toList();
    }
  }

  /** Regular files, also through symlinks that stay inside the source. */
  private static List<Path> regularFiles(Path base) throws IOException {
    try (Stream<Path> walk = Files.walk(base)) {
      return walk.filter(p -> Files.isRegularFile(p) && (!Files.isSymbolicLink(p) || insideOf(base, p))).sorted().toList();
    }
  }

  private static boolean insideOf(Path base, Path link) {
    try {
      return link.toRealPath().startsWith(base.toRealPath(LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      return false;
    }
  }

  private static String unix(Path relative) {
    return relative.toString().replace('\\', '/');
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
