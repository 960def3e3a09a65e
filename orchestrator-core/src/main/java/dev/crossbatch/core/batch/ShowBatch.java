package dev.crossbatch.core.batch;

/** The status use case: one look at a batch, with the details only an ended batch has. */
public final class ShowBatch {
  private ShowBatch() {}

  public static BatchSnapshot run(BuildService service, String batchId) {
    BatchSnapshot s = service.describe(batchId);
    return s.complete() ? ended(service, s) : s;
  }

  /** The closer look an ended batch gets (phases, SHA-256s), kept for later commands: what status and watch do at a batch's end. */
  static BatchSnapshot ended(BuildService service, BatchSnapshot end) {
    BatchSnapshot detailed = service.details(end);
    service.remember(detailed);
    return detailed;
  }
}
