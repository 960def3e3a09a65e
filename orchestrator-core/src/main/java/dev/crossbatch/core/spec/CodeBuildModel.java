package dev.crossbatch.core.spec;

import java.util.List;
import java.util.regex.Pattern;

/** Values from CodeBuild's service model and the buildspec v0.2 reference that crossbatch checks against. */
public final class CodeBuildModel {
  private CodeBuildModel() {}

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
