package dev.crossbatch.core.batch;

import java.time.Instant;

/**
 * One phase a build went through, as CodeBuild lists them: the open (current) phase has no
 * status and no end. {@code context} explains a failure (e.g. "COMMAND_EXECUTION_ERROR: ...").
 */
public record PhaseRecord(String type, String status, Instant start, Instant end, String context) {
  public PhaseRecord closed(String status, Instant end, String context) {
    return new PhaseRecord(type, status, start, end, context);
  }
}
