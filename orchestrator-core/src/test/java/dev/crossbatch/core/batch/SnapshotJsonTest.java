package dev.crossbatch.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {
  /** How crossbatch wrote and read snapshots before: state files of that time must read the same. */
  private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private static BatchSnapshot everyKindOfMember() {
    Instant t = Instant.parse("2026-12-01T18:30:00.123456789Z");
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("GOOS", "linux");
    variables.put("GOARCH", "arm64");
    variables.put("EMPTY", null);
    BuildRun build = new BuildRun("linux_arm64", "p:1", "FAILED", "BUILD", t, null, 2, true, List.of("a", "b"), variables,
        List.of(new PhaseRecord("BUILD", "FAILED", t, t.plusSeconds(3), "exit status 1: \"quoted\" \u00e9 \n")),
        new BuildRun.Artifact("dist/x.zip", 5_000_000_000L, "ab"), "failed", "group stream", Map.of("VERSION", "1.2"),
        List.of(new BuildRun.Report("unit", "JUNITXML", 3, "12 tests, 1 failed", "reports/")));
    BuildRun source = new BuildRun(BuildRun.DOWNLOAD_SOURCE, "p:0", "SUCCEEDED", "COMPLETED", t, t, 1, false, List.of(), Map.of(), List.of(), null,
        null, null);
    return new BatchSnapshot("p:uuid", "codebuild", "p", "FAILED", "FAILED", "main", "3f9c2e1", "v1.0.0", true, t, t.plusSeconds(60), true, source,
        List.of(build), "1 of 1 failed", "arn:aws:codebuild:us-east-1:1:build-batch/p:uuid");
  }

  @Test
  void writes_theTextTheObjectMapperWrote_andReadsItBackEqual() throws Exception {
    BatchSnapshot snapshot = everyKindOfMember();

    byte[] written = SnapshotJson.write(snapshot);

    assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(MAPPER.writeValueAsString(snapshot));
    assertThat(SnapshotJson.read(written)).isEqualTo(snapshot);
    assertThat(MAPPER.readValue(written, BatchSnapshot.class)).isEqualTo(snapshot);
  }

  @Test
  void readsLikeTheObjectMapper_unknownNamesSkipped_missingOnesNullOrZero() throws Exception {
    String text = """
        {"id": "p:1", "newer": {"nested": [1, {"x": null}]}, "dirty": null,
         "builds": [{"identifier": "linux_amd64", "attempt": 3, "extra": [true], "variables": {"GOOS": "linux"}}], "complete": true}
        """;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

    BatchSnapshot read = SnapshotJson.read(bytes);

    assertThat(read).isEqualTo(MAPPER.readValue(bytes, BatchSnapshot.class));
    assertThat(read.builds().get(0).attempt()).isEqualTo(3);
    assertThat(read.builds().get(0).exported()).isEmpty();
    assertThat(read.start()).isNull();
    assertThat(read.complete()).isTrue();
  }

  @Test
  void damagedText_isAnIOException_neverAHalfReadSnapshot() throws Exception {
    byte[] whole = SnapshotJson.write(everyKindOfMember());
    for (int cut : new int[] {1, 40, whole.length / 2, whole.length - 2}) {
      byte[] truncated = Arrays.copyOf(whole, cut);
      assertThatThrownBy(() -> SnapshotJson.read(truncated)).as("cut at %d", cut).isInstanceOf(IOException.class);
    }
    for (String bad : List.of("[]", "{\"start\": \"yesterday\"}", "{\"builds\": {}}", "{\"dirty\": \"x\"}", "{\"id\": \"a\"} {}",
        "{\"builds\": [{\"attempt\": 1.5}]}", "")) {
      assertThatThrownBy(() -> SnapshotJson.read(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isInstanceOf(IOException.class);
    }
  }
}
