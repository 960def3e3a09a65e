package dev.crossbatch.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.batch.BatchResults;
import dev.crossbatch.core.batch.BatchSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JUnitXmlTest {
  private static String junit(Instant start) {
    BatchSnapshot batch = new BatchSnapshot("p:1234", "local", "p", "SUCCEEDED", "COMPLETED", "", "3f9c2e1a", "v1", false,
        start, start.plusSeconds(90), true, null, List.of(), null);
    return JUnitXml.of(new BatchResults(batch, List.of()), "host", start.plusSeconds(100));
  }

  @Test
  void timestamp_hasSecondsEvenOnAWholeMinute_asJUnitsSchemaRequires() {
    // Java's LocalDateTime.toString leaves ":00" seconds out: 2026-12-02T01:15 failed the schema
    assertThat(junit(Instant.parse("2026-12-02T01:15:00Z"))).contains(" timestamp=\"2026-12-02T01:15:00\"");
    assertThat(junit(Instant.parse("2026-12-02T01:15:07.900Z"))).contains(" timestamp=\"2026-12-02T01:15:07\"");
  }
}
