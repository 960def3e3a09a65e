package dev.crossbatch.core.spec;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Values from CodeBuild's service model and the buildspec v0.2 reference that crossbatch checks against. */
public final class CodeBuildModel {
  private CodeBuildModel() {}

  /**
   * The golang runtime versions CodeBuild's current standard images offer, oldest first: the one
   * table of them (docs/facts.md, "Go on CodeBuild"; from the user guide's "Runtime versions" page).
   * A buildspec may also ask for "1.x" or "latest".
   */
  public static final List<String> GOLANG_RUNTIMES = List.of("1.20", "1.21", "1.22", "1.23", "1.24", "1.25", "1.26");

  /**
   * The runtime line that serves Go {@code version} (a go.mod directive or a config's {@code go:},
   * "1.22" or "1.22.3"): its own line when offered, else the nearest newer one; empty when the
   * version is not of that shape or is newer than every line offered.
   */
  public static Optional<String> golangRuntime(String version) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("1\\.(\\d+)(\\.\\d+)?").matcher(version);
    if (!m.matches()) {
      return Optional.empty();
    }
    int minor = Integer.parseInt(m.group(1));
    return GOLANG_RUNTIMES.stream().filter(v -> Integer.parseInt(v.substring(2)) >= minor).findFirst();
  }

  /** Whether {@code go} (a config's {@code go:}) names a runtime the images offer: a listed line, one of its patches, 1.x or latest. */
  public static boolean offersGolang(String go) {
    if (go.equals("1.x") || go.equals("latest")) {
      return true;
    }
    return golangRuntime(go).filter(line -> go.equals(line) || go.startsWith(line + ".")).isPresent();
  }

  public static final List<String> COMPUTE_TYPES =
      List.of(
          "BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", "BUILD_GENERAL1_LARGE",
          "BUILD_GENERAL1_XLARGE", "BUILD_GENERAL1_2XLARGE", "BUILD_LAMBDA_1GB",
          "BUILD_LAMBDA_2GB", "BUILD_LAMBDA_4GB", "BUILD_LAMBDA_8GB", "BUILD_LAMBDA_10GB",
          "ATTRIBUTE_BASED_COMPUTE", "CUSTOM_INSTANCE_TYPE");

  public static final List<String> ENVIRONMENT_TYPES =
      List.of(
          "WINDOWS_CONTAINER", "LINUX_CONTAINER", "LINUX_GPU_CONTAINER", "ARM_CONTAINER",
          "WINDOWS_SERVER_2019_CONTAINER", "WINDOWS_SERVER_2022_CONTAINER",
          "LINUX_LAMBDA_CONTAINER", "ARM_LAMBDA_CONTAINER", "LINUX_EC2", "ARM_EC2",
          "WINDOWS_EC2", "MAC_ARM");

  /** Buildspec phases, in the order CodeBuild runs them. */
  public static final List<String> PHASES = List.of("install", "pre_build", "build", "post_build");

  /** Batch task identifiers: CodeBuild fails the whole batch on anything else. */
  public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,127}");

  /** {@code on-failure}: ABORT, CONTINUE, RETRY, RETRY-n, RETRY-regex, RETRY-n-regex. */
  public static final Pattern ON_FAILURE = Pattern.compile("ABORT|CONTINUE|RETRY(-([0-9]|[1-9][0-9]|100))?(-.+)?|RETRY-(?![0-9]+$).+");

  public static final List<String> SHELLS = List.of("bash", "/bin/sh", "powershell.exe", "cmd.exe");

  public static final String RESERVED_ENV_PREFIX = "CODEBUILD_";
}
