package dev.crossbatch.core.batch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** A batch snapshot as crossbatch keeps it on disk: local batches' state files, the last ended CodeBuild batch's details. */
public final class SnapshotJson {
  private SnapshotJson() {}

  /** Made on first use: a command that only asks whether a batch is here needs no JSON. */
  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  public static ObjectMapper mapper() {
    return Holder.MAPPER;
  }
}
