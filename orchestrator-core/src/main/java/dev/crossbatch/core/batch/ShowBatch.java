package dev.crossbatch.core.batch;

/** The status use case: one look at a batch, with the details only an ended batch has. */
public final class ShowBatch {
  private ShowBatch() {}

  public static BatchSnapshot run(BuildService service, String batchId) {
    BatchSnapshot s = service.describe(batchId);
    if (!s.complete()) {
      return s;
    }
    BatchSnapshot detailed = service.details(s);
    service.remember(detailed);
    return detailed;
  }
}
