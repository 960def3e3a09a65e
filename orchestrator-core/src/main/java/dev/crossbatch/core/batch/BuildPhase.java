package dev.crossbatch.core.batch;

import java.util.Locale;

/** The phases of one build, in the order CodeBuild runs them. */
public enum BuildPhase {
  SUBMITTED,
  QUEUED,
  PROVISIONING,
  DOWNLOAD_SOURCE,
  INSTALL,
  PRE_BUILD,
  BUILD,
  POST_BUILD,
  UPLOAD_ARTIFACTS,
  FINALIZING,
  COMPLETED,
  UNKNOWN;

  public static BuildPhase parse(String raw) {
    try {
      return raw == null ? UNKNOWN : valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /** The phase a buildspec phase name ({@code pre_build}) runs in. */
  public static BuildPhase ofBuildspec(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
