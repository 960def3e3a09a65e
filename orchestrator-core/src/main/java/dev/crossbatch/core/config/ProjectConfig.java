package dev.crossbatch.core.config;

import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.platform.Variant;
import dev.crossbatch.core.text.PlaceholderTemplate;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code crossbatch.yml}, defaults applied.
 *
 * @param skippedPlatforms pairs of a platforms matrix that Go does not support (darwin/386), left out
 * @param sourceFolder the folder of crossbatch.yml inside its repository ("" at the root): where a
 *     build enters, as CodeBuild starts every build at the repository's root
 * @param builds the binaries of each platform's archive: {@code builds:}, or one build of {@code main} named {@code name}
 * @param archive what else each archive holds
 * @param overrides per-platform settings, in the order written
 */
public record ProjectConfig(
    Path file,
    String name,
    String main,
    String goVersion,
    List<Platform> platforms,
    PlaceholderTemplate ldflags,
    List<String> flags,
    Map<String, String> env,
    ArtifactName artifact,
    Preset preset,
    List<String> buildCommands,
    String buildOutput,
    List<String> testCommands,
    int timeoutMinutes,
    CodeBuildSettings codebuild,
    LocalSettings local,
    List<String> skippedPlatforms,
    String sourceFolder,
    List<GoBuild> builds,
    ArchiveSettings archive,
    List<PlatformOverride> overrides) {

  public ProjectConfig {
    skippedPlatforms = List.copyOf(skippedPlatforms);
    platforms = List.copyOf(platforms);
    flags = List.copyOf(flags);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    buildCommands = List.copyOf(buildCommands);
    testCommands = List.copyOf(testCommands);
    builds = List.copyOf(builds);
    overrides = List.copyOf(overrides);
  }

  /** What the overrides make of {@code platform}. */
  public PlatformSettings settings(Platform platform) {
    return PlatformSettings.of(overrides.stream().filter(o -> o.matches(platform)).toList());
  }

  /** The folder holding crossbatch.yml; generated files are written relative to it. */
  public Path dir() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }

  /** This config with only {@code subset} of its platforms: a batch of fewer builds. */
  public ProjectConfig withPlatforms(List<Platform> subset) {
    return new ProjectConfig(file, name, main, goVersion, subset, ldflags, flags, env, artifact, preset, buildCommands, buildOutput,
        testCommands, timeoutMinutes, codebuild, local, skippedPlatforms, sourceFolder, builds, archive, overrides);
  }

  /** This config as if crossbatch.yml were in {@code folder} of its repository ("" for the root). */
  public ProjectConfig withSourceFolder(String folder) {
    return new ProjectConfig(file, name, main, goVersion, platforms, ldflags, flags, env, artifact, preset, buildCommands, buildOutput,
        testCommands, timeoutMinutes, codebuild, local, skippedPlatforms, folder, builds, archive, overrides);
  }

  /** A path relative to the config's folder, as CodeBuild names it: relative to the repository's root. */
  public String fromRepositoryRoot(String path) {
    return sourceFolder.isEmpty() ? path : sourceFolder + "/" + path;
  }

  /** Builds the batch holds: one per platform, plus the test task in graph mode. */
  public int buildCount() {
    return platforms.size() + (codebuild.batchMode() == BatchMode.GRAPH ? 1 : 0);
  }

  /** The variants in use, in platform order. */
  public Set<Variant> variants() {
    Set<Variant> variants = new LinkedHashSet<>();
    platforms.forEach(p -> p.variantKind().ifPresent(variants::add));
    return variants;
  }
}
