package dev.crossbatch.core.artifact;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** --extract: a downloaded archive unpacked into its platform's folder, whatever its format. */
final class Unpacking {
  private Unpacking() {}

  /** A zip or tar.gz unpacked by its extractor; a bare binary copied in, executable, under its own name. */
  static void unpack(Path file, Path target, ZipExtractor.Options options) {
    String name = file.getFileName().toString();
    if (name.endsWith(".zip")) {
      ZipExtractor.extract(file, target, options);
    } else if (name.endsWith(".tar.gz")) {
      TarExtractor.extract(file, target, options);
    } else {
      Path staging = target.resolveSibling("." + target.getFileName() + ".extracting");
      try {
        ZipExtractor.deleteTree(staging);
        Files.createDirectories(staging);
        Files.copy(file, staging.resolve(name));
        ZipExtractor.setMode(staging.resolve(name), 0755);
        ZipExtractor.deleteTree(target);
        Files.move(staging, target);
      } catch (IOException e) {
        ZipExtractor.quietlyDelete(staging);
        throw new CrossbatchException(ErrorKind.USAGE, "cannot copy " + name + " into " + target + ": " + e.getMessage(),
            "check that the folder can be written");
      }
    }
  }
}
