package dev.crossbatch.core.batch;

import java.io.IOException;

/**
 * A batch snapshot as crossbatch keeps it on disk: local batches' state files, the last ended
 * CodeBuild batch's details. The text is what Jackson's ObjectMapper (JavaTime module, instants as
 * ISO-8601 strings, indented) wrote before, so files of either read in both; written and read with
 * the streaming parser alone (decision 0044).
 */
public final class SnapshotJson {
  private SnapshotJson() {}

  public static byte[] write(BatchSnapshot snapshot) throws IOException {
    return RecordJson.write(snapshot);
  }

  /**
   * The snapshot in {@code text}. Names it does not know are skipped, missing ones read as null,
   * 0 or false.
   *
   * @throws IOException when the text is not JSON, or not of a snapshot's shape
   */
  public static BatchSnapshot read(byte[] text) throws IOException {
    return RecordJson.read(text, BatchSnapshot.class);
  }
}
