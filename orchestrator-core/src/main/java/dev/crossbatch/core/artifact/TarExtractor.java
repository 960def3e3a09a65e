package dev.crossbatch.core.artifact;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a downloaded tar.gz into one folder with the zip extractor's rules ({@link ZipExtractor}):
 * names absolute, climbing with {@code ..}, with backslashes or NUL, or seen twice are refused; so are
 * links, devices and FIFOs (an archive crossbatch makes holds files and folders only); the bytes
 * written, their ratio to the archive's size and the entry count are bounded. A tar is a stream, so
 * entries are checked as they come, into a hidden folder beside the target that a refusal deletes:
 * nothing is ever left under the final name.
 */
public final class TarExtractor {
  private TarExtractor() {}

  public static void extract(Path archive, Path target, ZipExtractor.Options options) {
    Path staging = target.resolveSibling("." + target.getFileName() + ".extracting");
    ZipExtractor.Limits limits = options.limits();
    try {
      ZipExtractor.deleteTree(staging);
      Files.createDirectories(staging);
      Path root = staging.toRealPath();
      ZipExtractor.Budget budget = new ZipExtractor.Budget(archive, limits, Files.size(archive), "tar.gz", "a bomb");
      int count = 0;
      Set<String> seen = new HashSet<>();
      try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
          TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
        byte[] buffer = new byte[64 * 1024];
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
          if (++count > limits.maxEntries()) {
            throw ZipExtractor.refuse(archive, null, "it has more than " + limits.maxEntries() + " entries");
          }
          String name = ZipExtractor.checkedName(archive, entry.getName());
          if (!seen.add(ZipExtractor.trimmed(name))) {
            throw ZipExtractor.refuse(archive, name, "the name appears twice");
          }
          // by the type flag first: isFile() alone says yes to a link whose name has no trailing '/'
          if (entry.isSymbolicLink() || entry.isLink()) {
            throw ZipExtractor.refuse(archive, name, "it is a link; crossbatch unpacks files and folders from a tar.gz, never links");
          }
          if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO() || !entry.isFile() && !entry.isDirectory()) {
            throw ZipExtractor.refuse(archive, name, "it is neither a file nor a folder (a device or a FIFO)");
          }
          Path out = ZipExtractor.inside(archive, root, name);
          if (entry.isDirectory()) {
            ZipExtractor.makeFolders(archive, root, out, name);
            continue;
          }
          ZipExtractor.makeFolders(archive, root, out.getParent(), name);
          try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = tar.read(buffer)) > 0; ) {
              budget.spend(name, n);
              os.write(buffer, 0, n);
            }
          }
          int mode = entry.getMode() & 0777;
          if (mode != 0) {
            ZipExtractor.setMode(out, mode);
          }
        }
      }
      ZipExtractor.deleteTree(target);
      Files.move(staging, target);
    } catch (CrossbatchException e) {
      ZipExtractor.quietlyDelete(staging);
      throw e;
    } catch (FileAlreadyExistsException e) {
      ZipExtractor.quietlyDelete(staging);
      throw ZipExtractor.refuse(archive, null, "two entries write " + e.getFile());
    } catch (IOException e) {
      ZipExtractor.quietlyDelete(staging);
      throw new CrossbatchException(ErrorKind.INTEGRITY, "cannot unpack " + archive.getFileName() + ": " + e.getMessage(),
          "the archive is damaged; download it again");
    }
  }
}
