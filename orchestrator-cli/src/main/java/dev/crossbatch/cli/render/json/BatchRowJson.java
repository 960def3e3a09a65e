package dev.crossbatch.cli.render.json;

import dev.crossbatch.core.batch.BatchSnapshot;

/** batches: one recent batch, without its builds. */
public record BatchRowJson(String batch, String backend, String status, boolean complete, String sourceVersion, String commit, String version,
    String start, String end) {
  public static BatchRowJson of(BatchSnapshot b) {
    return new BatchRowJson(b.id(), b.backend(), b.status(), b.complete(), b.sourceVersion(), b.commit(), b.version(), BatchJson.time(b.start()),
        BatchJson.time(b.end()));
  }
}
