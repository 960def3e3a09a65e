package dev.crossbatch.core.config;

import java.nio.file.Path;

/** The buildspec preset a config starts from: a built-in one ({@code go}, {@code generic}) or a file. */
public record Preset(String name, Path file) {
  public static final String GO = "go";
  public static final String GENERIC = "generic";

  public static Preset builtIn(String name) {
    return new Preset(name, null);
  }

  public static Preset fromFile(String written, Path file) {
    return new Preset(written, file);
  }

  public boolean isBuiltIn() {
    return file == null;
  }

  public boolean isGo() {
    return GO.equals(name) && isBuiltIn();
  }
}
