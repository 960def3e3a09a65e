package dev.crossbatch.core.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict patterns for every name that reaches a shell, an identifier, an S3 key or an AWS API.
 * Each check returns what is wrong, or empty when the name is fine.
 */
public final class Names {
  public static final Pattern BINARY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** CodeBuild's ProjectName shape. */
  public static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{1,149}");
  public static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}");
  public static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
  public static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** The folder of crossbatch.yml in its repository, as the generated buildspec enters it: {@code cd "${CODEBUILD_SRC_DIR}/FOLDER"}. */
  public static final Pattern SOURCE_FOLDER = Pattern.compile("[A-Za-z0-9._+@/-]*");
  public static final Pattern GO_PACKAGE =
      Pattern.compile("\\.|\\./[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*|[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*");
  /** What CodeBuild's golang runtime accepts: 1.22, 1.22.3, 1.x, latest. */
  public static final Pattern GO_VERSION = Pattern.compile("1\\.[0-9]+(\\.[0-9]+)?|1\\.x|latest");
  public static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./:@_-]*");
  /** One go build flag, its quotes removed: a value may hold blanks (-gcflags=all=-N -l), never a quote, a dollar sign, a backquote or a backslash. */
  public static final Pattern GO_FLAG = Pattern.compile("-{1,2}[a-z][a-z0-9]*(=[A-Za-z0-9._,/:=+ -]*)?");
  public static final Pattern SOURCE_URL = Pattern.compile("(https|codecommit)://[A-Za-z0-9._~:/?#@!&+,;=%-]+");

  /** A file pattern of archive.files: segments of safe characters and glob wildcards, relative, no '..'. */
  public static final Pattern ARCHIVE_FILE = Pattern.compile("[A-Za-z0-9._*?+@-]+(/[A-Za-z0-9._*?+@-]+)*");

  private Names() {}

  /** Why a variable crossbatch.yml's env or --env would set is not the user's to set. */
  public enum EnvRule {
    /** The user's to set. */
    FREE,
    /** Not a variable name a shell can read. */
    INVALID,
    /** CODEBUILD_*: CodeBuild (and crossbatch locally) sets those. */
    CODEBUILD,
    /** GOOS, GOARCH or a variant variable: each build's platform sets them. */
    PLATFORM,
    /** VERSION: crossbatch sets it from git (git describe). */
    VERSION
  }

  /** The one rule for build variables, for crossbatch.yml's env and --env alike. */
  public static EnvRule envRule(String name) {
    if (!ENV_NAME.matcher(name).matches()) {
      return EnvRule.INVALID;
    }
    if (name.startsWith(dev.crossbatch.core.spec.CodeBuildModel.RESERVED_ENV_PREFIX)) {
      return EnvRule.CODEBUILD;
    }
    if (name.equals("GOOS") || name.equals("GOARCH")
        || java.util.Arrays.stream(dev.crossbatch.core.platform.Variant.values()).anyMatch(v -> v.envName().equals(name))) {
      return EnvRule.PLATFORM;
    }
    return name.equals(dev.crossbatch.core.artifact.ArtifactName.VERSION_VARIABLE) ? EnvRule.VERSION : EnvRule.FREE;
  }

  public static Optional<String> checkBinary(String name) {
    return BINARY.matcher(name).matches()
        ? Optional.empty()
        : Optional.of("'" + name + "' is not a valid binary name; use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
  }

  public static Optional<String> checkProject(String name) {
    return PROJECT.matcher(name).matches()
        ? Optional.empty()
        : Optional.of("'" + name + "' is not a valid CodeBuild project name; use 2-150 letters, digits, '-' or '_', starting with a letter or digit");
  }

  public static Optional<String> checkRegion(String region) {
    return REGION.matcher(region).matches()
        ? Optional.empty()
        : Optional.of("'" + region + "' is not an AWS region; write it like 'eu-west-1' or 'us-east-1'");
  }

  /** S3 bucket naming rules for general purpose buckets. */
  public static Optional<String> checkBucket(String bucket) {
    String rules = "; bucket names are 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit";
    if (bucket.length() < 3 || bucket.length() > 63) {
      return Optional.of("'" + bucket + "' is not a valid S3 bucket name" + rules);
    }
    if (!bucket.matches("[a-z0-9][a-z0-9.-]*[a-z0-9]")) {
      return Optional.of("'" + bucket + "' is not a valid S3 bucket name" + rules);
    }
    if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
      return Optional.of("'" + bucket + "' is not a valid S3 bucket name: no '..', '.-' or '-.'");
    }
    if (bucket.matches("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+")) {
      return Optional.of("'" + bucket + "' is not a valid S3 bucket name: it looks like an IP address");
    }
    if (bucket.startsWith("xn--") || bucket.startsWith("sthree-") || bucket.endsWith("-s3alias") || bucket.endsWith("--ol-s3")) {
      return Optional.of("'" + bucket + "' is not a valid S3 bucket name: that prefix or suffix is reserved by S3");
    }
    return Optional.empty();
  }

  /** An S3 key prefix such as {@code releases/hello}: no leading or trailing '/', no '.' or '..' segments. */
  public static Optional<String> checkPrefix(String prefix) {
    String rules = "; use segments of letters, digits, '.', '_' and '-' separated by '/', e.g. 'releases/hello'";
    if (prefix.length() > 512) {
      return Optional.of("prefix is longer than 512 characters");
    }
    if (prefix.startsWith("/") || prefix.endsWith("/")) {
      return Optional.of("'" + prefix + "' must not start or end with '/'" + rules);
    }
    for (String segment : prefix.split("/", -1)) {
      if (!PREFIX_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        return Optional.of("'" + prefix + "' is not a valid key prefix" + rules);
      }
    }
    return Optional.empty();
  }

  /** A pattern of archive.files: it reaches the build's shell unquoted, so that its wildcards expand. */
  public static Optional<String> checkArchiveFile(String pattern) {
    if (!ARCHIVE_FILE.matcher(pattern).matches()) {
      return Optional.of("'" + pattern + "' is not a file pattern crossbatch accepts; write paths relative to crossbatch.yml's folder"
          + " such as LICENSE*, docs/** or completions/*.bash (letters, digits, . _ + @ -, '*' and '?', segments joined by '/')");
    }
    if (pattern.startsWith("./")) {
      return Optional.of("'" + pattern + "' starts with './'; write '" + pattern.substring(2) + "': files are found from crossbatch.yml's folder");
    }
    if (("/" + pattern + "/").contains("/../") || ("/" + pattern + "/").contains("/./")) {
      return Optional.of("'" + pattern + "' has a '.' or '..' segment; files come from crossbatch.yml's folder and below");
    }
    return Optional.empty();
  }

  public static Optional<String> checkImage(String image) {
    return IMAGE.matcher(image).matches()
        ? Optional.empty()
        : Optional.of("'" + image + "' is not an image name; write it like 'aws/codebuild/amazonlinux-x86_64-standard:5.0'");
  }

  public static Optional<String> checkGoPackage(String pkg) {
    if (pkg.equals("...") || pkg.endsWith("/...")) {
      return Optional.of("'" + pkg + "' is a pattern of several packages, and go build -o makes one binary of one main package;"
          + " write './cmd/NAME', and one entry of 'builds:' per binary for several");
    }
    if (GO_PACKAGE.matcher(pkg).matches() && !pkg.matches("(.*/)?\\.\\.(/.*)?")) {
      return Optional.empty();
    }
    return Optional.of("'" + pkg + "' is not a Go main package; write '.', './cmd/NAME' or an import path");
  }
}
