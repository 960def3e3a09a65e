package dev.crossbatch.core.config;

/** The {@code local:} section. {@code parallelism} is 0 when the local backend should choose. */
public record LocalSettings(int parallelism, String output) {
  public static final String DEFAULT_OUTPUT = "dist";
}
