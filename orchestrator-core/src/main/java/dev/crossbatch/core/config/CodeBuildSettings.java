package dev.crossbatch.core.config;

/**
 * The {@code codebuild:} section. {@code project}, {@code region}, {@code bucket} and
 * {@code source} are null when not configured; the rest carry their defaults.
 */
public record CodeBuildSettings(
    String project,
    String region,
    String bucket,
    String prefix,
    String computeType,
    String image,
    int maxBuilds,
    boolean fastFail,
    BatchMode batchMode,
    String source) {

  public static final String DEFAULT_IMAGE = "aws/codebuild/amazonlinux-x86_64-standard:5.0";
  public static final String DEFAULT_COMPUTE_TYPE = "BUILD_GENERAL1_SMALL";

  public boolean hasProject() {
    return project != null;
  }

  /** ARM images need the ARM environment type; everything else runs on Linux x86_64 containers. */
  public String environmentType() {
    return image.contains("aarch64") || image.contains("arm64") ? "ARM_CONTAINER" : "LINUX_CONTAINER";
  }
}
