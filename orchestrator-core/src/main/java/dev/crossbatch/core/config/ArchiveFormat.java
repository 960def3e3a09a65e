package dev.crossbatch.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How one platform's binaries and files are shipped. */
public enum ArchiveFormat {
  /** A zip: CodeBuild's own packaging when every platform is zipped, else made in the build. */
  ZIP("zip", ".zip"),
  /** A gzipped tar, made in the build: CodeBuild packages only zip or nothing. */
  TAR_GZ("tar.gz", ".tar.gz"),
  /** The bare binary ({@code .exe} on windows), with only one build and no other files. */
  BINARY("binary", "");

  private final String word;
  private final String extension;

  ArchiveFormat(String word, String extension) {
    this.word = word;
    this.extension = extension;
  }

  public String word() {
    return word;
  }

  /** What follows the artifact name: {@code .zip}, {@code .tar.gz}, or for a bare binary {@code .exe} on windows and nothing elsewhere. */
  public String extension(String os) {
    return this == BINARY ? (os.equals("windows") ? ".exe" : "") : extension;
  }

  public static Optional<ArchiveFormat> fromWord(String word) {
    return Arrays.stream(values()).filter(f -> f.word.equals(word)).findFirst();
  }

  public static List<String> words() {
    return Arrays.stream(values()).map(ArchiveFormat::word).toList();
  }
}
