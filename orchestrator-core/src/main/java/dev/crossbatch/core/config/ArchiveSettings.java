package dev.crossbatch.core.config;

import java.util.List;

/**
 * What goes into each platform's archive besides the binaries.
 *
 * @param files patterns relative to crossbatch.yml's folder, paths kept in the archive
 * @param required whether a pattern that matches nothing fails the build: yes for patterns the
 *     config lists, no for the default (LICENSE*, README*, CHANGELOG* when they exist)
 */
public record ArchiveSettings(List<String> files, boolean required) {
  public static final List<String> DEFAULT_FILES = List.of("LICENSE*", "README*", "CHANGELOG*");

  public ArchiveSettings {
    files = List.copyOf(files);
  }

  public static ArchiveSettings defaults() {
    return new ArchiveSettings(DEFAULT_FILES, false);
  }
}
