package dev.crossbatch.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the buildspec's {@code batch} section lays out the platform builds. */
public enum BatchMode {
  /** {@code build-list}: one entry per platform. */
  LIST("list"),
  /** {@code build-matrix}: GOOS × GOARCH axes; only for a full product without variants. */
  MATRIX("matrix"),
  /** {@code build-graph}: a {@code test} task first, every platform depending on it. */
  GRAPH("graph");

  private final String word;

  BatchMode(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public static Optional<BatchMode> fromWord(String word) {
    return Arrays.stream(values()).filter(m -> m.word.equals(word)).findFirst();
  }

  public static List<String> words() {
    return Arrays.stream(values()).map(BatchMode::word).toList();
  }
}
