package dev.crossbatch.cli.session;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.error.ErrorKind;

/** The exit codes crossbatch promises; printed in {@code --help}. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int AWS = 3;
  public static final int INTEGRITY = 4;
  public static final int INTERNAL = 70;
  public static final int INTERRUPTED = 130;

  public static final String TABLE =
      """
      Exit codes:
        0    success
        1    a build or the batch failed (generate --check: files are stale)
        2    usage or config error: flag, crossbatch.yml, buildspec, platform;
             a destination that cannot be written (disk full, read-only)
        3    AWS, network or credentials error
        4    integrity error: checksum, size, unsafe archive
        70   internal error: a bug; run again with --verbose and report it
        130  interrupted (Ctrl-C, SIGTERM)""";

  private ExitCodes() {}

  /** After a batch was followed to its end: 0 only if it succeeded, 130 if Ctrl-C ended the following. */
  public static int of(BatchSnapshot end, boolean interrupted) {
    return interrupted ? INTERRUPTED : end.succeeded() ? OK : FAILED;
  }

  public static int of(ErrorKind kind) {
    return switch (kind) {
      case BUILD_FAILED -> FAILED;
      case USAGE -> USAGE;
      case AWS -> AWS;
      case INTEGRITY -> INTEGRITY;
      case INTERRUPTED -> INTERRUPTED;
      case INTERNAL -> INTERNAL;
    };
  }
}
