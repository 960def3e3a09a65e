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
 * @param signingKey {@code sign.key}: the minisign secret key file releases are signed with, relative to crossbatch.yml's folder; null for none
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
    List<PlatformOverride> overrides,
    String signingKey) {

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

  /** CodeBuild's default build timeout, which a buildspec of one's own runs under. */
  private static final int CODEBUILD_TIMEOUT_MINUTES = 60;

  /**
   * A repository run with a buildspec of its own ({@code --buildspec FILE}), without crossbatch.yml:
   * named after its folder, its state (and artifacts, by batch) in the root's .crossbatch/, no preset, no platforms.
   */
  public static ProjectConfig ofBuildspec(Path root, int parallelism) {
    Path dir = root.toAbsolutePath().normalize();
    String folder = dir.getFileName() == null ? "" : dir.getFileName().toString();
    String name = folder.replaceAll("[^A-Za-z0-9_-]", "-");
    // a CodeBuild project name: a letter or digit first, 2 to 150 characters
    name = name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0)) ? "repo" + name : name;
    name = name.length() < 2 ? name + "-repo" : name.length() > 150 ? name.substring(0, 150) : name;
    CodeBuildSettings codebuild = new CodeBuildSettings(null, null, null, "", CodeBuildSettings.DEFAULT_COMPUTE_TYPE, CodeBuildSettings.DEFAULT_IMAGE,
        1, false, BatchMode.MATRIX, null);
    return new ProjectConfig(dir.resolve("crossbatch.yml"), name, null, null, List.of(), null, List.of(), Map.of(),
        ArtifactName.defaultName(), null, List.of(), null, List.of(), CODEBUILD_TIMEOUT_MINUTES, codebuild,
        new LocalSettings(parallelism, Layout.STATE), List.of(), "", List.of(), ArchiveSettings.defaults(), List.of(), null);
  }

  /**
   * Whether this is a repository run with its own buildspec ({@link #ofBuildspec}): CodeBuild's
   * variables only, none of crossbatch's (VERSION, SOURCE_DATE_EPOCH, a Go cache per platform).
   */
  public boolean ownBuildspec() {
    return preset == null;
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
        testCommands, timeoutMinutes, codebuild, local, skippedPlatforms, sourceFolder, builds, archive, overrides, signingKey);
  }

  /** This config as if crossbatch.yml were in {@code folder} of its repository ("" for the root). */
  public ProjectConfig withSourceFolder(String folder) {
    return new ProjectConfig(file, name, main, goVersion, platforms, ldflags, flags, env, artifact, preset, buildCommands, buildOutput,
        testCommands, timeoutMinutes, codebuild, local, skippedPlatforms, folder, builds, archive, overrides, signingKey);
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
