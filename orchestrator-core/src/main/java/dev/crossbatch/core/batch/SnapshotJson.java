package dev.crossbatch.core.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

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

  private static final AtomicBoolean PREPARING = new AtomicBoolean();

  /**
   * Makes the mapper and its serializers of a snapshot on a daemon thread, once per process, for
   * what is about to run a local batch and has other work first: the batch's first state is saved
   * before its builds start, and Jackson's first look at these records (the mapper, then each
   * record's serializer found by reflection) was a fifth of a warm release's main thread.
   */
  public static void prepareInBackground() {
    if (PREPARING.compareAndSet(false, true)) {
      Thread thread = new Thread(SnapshotJson::prepare, "snapshot-json");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Writes a snapshot with every kind of member set, which leaves a serializer for each in the mapper. */
  static byte[] prepare() {
    Instant t = Instant.EPOCH;
    BuildRun build = new BuildRun("linux_amd64", "prepare:1", "SUCCEEDED", "COMPLETED", t, t, 1, false, List.of("a"), Map.of("GOOS", "linux"),
        List.of(new PhaseRecord("BUILD", "SUCCEEDED", t, t, "")), new BuildRun.Artifact("a.zip", 1, ""), "", "", Map.of("A", "b"),
        List.of(new BuildRun.Report("group", "JUNITXML", 1, "", "")));
    try {
      return mapper().writeValueAsBytes(new BatchSnapshot("prepare:0", "local", "prepare", "SUCCEEDED", "COMPLETED", "", "", "", false, t, t, true,
          build, List.of(build), "", ""));
    } catch (JsonProcessingException e) {
      return new byte[0]; // only a head start: the first real save says what is wrong
    }
  }
}
