package dev.crossbatch.core.error;

/** What kind of failure an error is; the CLI maps each kind to one exit code. */
public enum ErrorKind {
  /** A build or the batch failed. */
  BUILD_FAILED,
  /** Bad flags, config, buildspec, platform or name: the user can fix the input. */
  USAGE,
  /** AWS, network or credentials. */
  AWS,
  /** Checksum, size or unsafe archive. */
  INTEGRITY,
  /** The user or the system stopped the run. */
  INTERRUPTED,
  /** A bug in crossbatch. */
  INTERNAL
}
