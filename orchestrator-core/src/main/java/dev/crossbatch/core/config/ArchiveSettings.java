package dev.crossbatch.core.config;

import dev.crossbatch.core.platform.Platform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each platform's archive is made and what goes into it besides the binaries.
 *
 * @param format the archive of every platform but those {@code formatOverrides} names
 * @param formatOverrides an os's own format: {@code {windows: zip}}
 * @param files patterns relative to crossbatch.yml's folder, paths kept in the archive
 * @param required whether a pattern that matches nothing fails the build: yes for patterns the
 *     config lists, no for the default (LICENSE*, README*, CHANGELOG* when they exist)
 */
public record ArchiveSettings(ArchiveFormat format, Map<String, ArchiveFormat> formatOverrides, List<String> files, boolean required) {
  public static final List<String> DEFAULT_FILES = List.of("LICENSE*", "README*", "CHANGELOG*");

  public ArchiveSettings {
    formatOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(formatOverrides));
    files = List.copyOf(files);
  }

  public static ArchiveSettings defaults() {
    return new ArchiveSettings(ArchiveFormat.ZIP, Map.of(), DEFAULT_FILES, false);
  }

  public ArchiveFormat format(Platform platform) {
    return formatOverrides.getOrDefault(platform.os(), format);
  }

  /**
   * Whether CodeBuild's ZIP packaging makes every archive (each build's folder zipped as it is);
   * otherwise the project packages nothing (NONE) and each build makes its own archive. A project
   * setting, so it does not depend on which platforms one batch builds.
   */
  public boolean zippedByCodeBuild() {
    return format == ArchiveFormat.ZIP && formatOverrides.values().stream().allMatch(f -> f == ArchiveFormat.ZIP);
  }
}
