package dev.crossbatch.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchMemoryTest {
  private static final String ID = "hello-release:6f1c2a4e-9b7d-4c1e-8a2f-3d5e7b9c1a20";
  private static final Instant END = Instant.parse("2026-11-30T12:10:00Z");

  @TempDir Path dir;

  private static BatchSnapshot batch(String status, boolean complete, Instant end) {
    BuildRun linux = new BuildRun("linux_amd64", "hello-release:1", status, "COMPLETED", END.minusSeconds(60), end, 1, false, List.of(),
        java.util.Map.of("GOOS", "linux"), List.of(), new BuildRun.Artifact("arn:aws:s3:::b/hello.zip", 0, "a".repeat(64)), null, null);
    return new BatchSnapshot(ID, "codebuild", "hello-release", status, status, "main", "3f9c2e1", "v1", false, END.minusSeconds(120), end,
        complete, null, List.of(linux), null);
  }

  @Test
  void endedDetails_comeBackOnlyForTheSameEndedBatch_andADamagedFileIsNone() throws Exception {
    BatchMemory memory = new BatchMemory(dir.resolve("codebuild/hello-release/last-batch"));
    BatchSnapshot ended = batch("SUCCEEDED", true, END);
    assertThat(memory.ended(ended)).isEmpty();

    memory.rememberEnded(ended);

    assertThat(memory.ended(batch("SUCCEEDED", true, END))).contains(ended);
    assertThat(memory.ended(batch("SUCCEEDED", true, END.plusSeconds(1)))).as("ended again, later: a retry").isEmpty();
    assertThat(memory.ended(batch("FAILED", true, END))).isEmpty();
    assertThat(memory.ended(batch("IN_PROGRESS", false, null))).isEmpty();

    memory.rememberEnded(batch("IN_PROGRESS", false, null));
    assertThat(memory.ended(ended)).as("a running batch is never kept").contains(ended);

    Files.writeString(dir.resolve("codebuild/hello-release/ended-batch.json"), "{\"id\": \"" + ID + "\", \"builds\": [");
    assertThat(memory.ended(ended)).isEmpty();
  }
}
