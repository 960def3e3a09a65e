package dev.crossbatch.core.batch;

import java.util.Locale;

/**
 * A build's or a batch's status: CodeBuild's StatusType plus PENDING, which real batch responses
 * carry for groups that have not started. Anything else a service sends is UNKNOWN, and the raw
 * value is kept next to it to be shown as sent.
 */
public enum Status {
  PENDING,
  IN_PROGRESS,
  SUCCEEDED,
  FAILED,
  FAULT,
  TIMED_OUT,
  STOPPED,
  UNKNOWN;

  public static Status parse(String raw) {
    if (raw == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /** Finished one way or another; UNKNOWN is treated as not finished. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == FAULT || this == TIMED_OUT || this == STOPPED;
  }
}
