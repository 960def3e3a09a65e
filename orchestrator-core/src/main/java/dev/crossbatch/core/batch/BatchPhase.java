package dev.crossbatch.core.batch;

/** The phases of a batch: CodeBuild's BuildBatchPhaseType. */
public enum BatchPhase {
  SUBMITTED,
  DOWNLOAD_BATCHSPEC,
  IN_PROGRESS,
  COMBINE_ARTIFACTS,
  SUCCEEDED,
  FAILED,
  STOPPED,
  UNKNOWN
}
