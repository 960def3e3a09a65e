package dev.crossbatch.core.batch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One phase a build went through, as CodeBuild lists them: the open (current) phase has no
 * status and no end. {@code context} explains a failure (e.g. "COMMAND_EXECUTION_ERROR: ...").
 */
public record PhaseRecord(String type, String status, Instant start, Instant end, String context) {
  public PhaseRecord closed(String status, Instant end, String context) {
    return new PhaseRecord(type, status, start, end, context);
  }

  /** Why a build failed, as both backends say it: the first phase that did not succeed and says why ("BUILD: COMMAND_EXECUTION_ERROR: ..."). */
  public static Optional<String> failure(List<PhaseRecord> phases) {
    return phases.stream().filter(p -> p.context() != null && Status.parse(p.status()) != Status.SUCCEEDED)
        .findFirst().map(p -> p.type() + ": " + p.context());
  }
}
