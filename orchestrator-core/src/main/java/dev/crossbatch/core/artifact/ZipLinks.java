package dev.crossbatch.core.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The symlinks of a zip that {@code --allow-symlinks} lets through: made after every file and
 * folder, then each followed name by name through the tree as it then is, and refused as soon as
 * a step leaves the folder (see {@link ZipExtractor}).
 */
final class ZipLinks {
  private static final int MAX_LINK = 4096;
  private static final int MAX_HOPS = 40;

  private ZipLinks() {}

  /** Makes every link once all files are there, then checks that each resolves inside the folder in that tree. */
  static void make(Path zip, ZipFile file, Path root, Map<String, ZipArchiveEntry> links) throws IOException {
    Map<Path, String> made = new LinkedHashMap<>();
    for (Map.Entry<String, ZipArchiveEntry> link : links.entrySet()) {
      String to;
      try (InputStream in = file.getInputStream(link.getValue())) {
        to = new String(in.readNBytes(MAX_LINK), StandardCharsets.UTF_8);
      }
      if (to.isEmpty() || to.startsWith("/") || to.contains("\\") || to.indexOf('\0') >= 0 || ZipExtractor.DRIVE.matcher(to).matches()) {
        throw ZipExtractor.refuse(zip, link.getKey(), "it is a symlink to '" + to + "', outside the folder");
      }
      Path at = ZipExtractor.inside(zip, root, link.getKey());
      ZipExtractor.makeFolders(zip, root, at.getParent(), link.getKey());
      Files.createSymbolicLink(at, Path.of(to));
      made.put(at, link.getKey());
    }
    for (Map.Entry<Path, String> link : made.entrySet()) {
      if (!resolvesInside(root, link.getKey())) {
        throw ZipExtractor.refuse(zip, link.getValue(), "it is a symlink to '" + Files.readSymbolicLink(link.getKey()) + "', which leads outside the folder");
      }
    }
  }

  /**
   * Follows {@code link} as the system would, one name at a time, through the links in the tree;
   * false as soon as a step leaves {@code root}, an absolute target appears, or links loop.
   */
  private static boolean resolvesInside(Path root, Path link) throws IOException {
    Path at = link.getParent();
    Deque<String> names = new ArrayDeque<>();
    Files.readSymbolicLink(link).forEach(p -> names.add(p.toString()));
    int hops = 1;
    while (!names.isEmpty()) {
      String name = names.removeFirst();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        at = at.getParent();
        if (at == null || !at.startsWith(root)) {
          return false;
        }
        continue;
      }
      Path next = at.resolve(name);
      if (Files.isSymbolicLink(next)) {
        if (++hops > MAX_HOPS) {
          return false;
        }
        Path target = Files.readSymbolicLink(next);
        if (target.isAbsolute()) {
          return false;
        }
        List<String> ahead = new ArrayList<>();
        target.forEach(p -> ahead.add(p.toString()));
        for (int i = ahead.size() - 1; i >= 0; i--) {
          names.addFirst(ahead.get(i));
        }
        continue;
      }
      at = next;
    }
    return at.startsWith(root);
  }
}
