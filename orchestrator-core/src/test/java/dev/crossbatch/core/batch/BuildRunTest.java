package dev.crossbatch.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildRunTest {
  private static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z");

  private static BuildRun run(String status, Instant start, Instant end) {
    return new BuildRun("linux_amd64", "p:1", status, "BUILD", start, end, 1, false, List.of(), Map.of(), List.of(), null, null, null);
  }

  @Test
  void elapsed_ofARunningBuild_countsToNow_ofAnEndedOne_toItsEnd() {
    assertThat(run("IN_PROGRESS", NOW.minusSeconds(90), null).elapsed(NOW)).contains(Duration.ofSeconds(90));
    assertThat(run("SUCCEEDED", NOW.minusSeconds(90), NOW.minusSeconds(30)).elapsed(NOW)).contains(Duration.ofSeconds(60));
  }

  @Test
  void elapsed_isUnknown_withoutAStart_orForAnEndedBuildWithoutAnEnd() {
    assertThat(run("PENDING", null, null).elapsed(NOW)).isEmpty();
    assertThat(run("FAILED", NOW.minusSeconds(5), null).elapsed(NOW)).isEmpty();
  }

  @Test
  void elapsed_ofAStartAheadOfThisClock_isZero_notNegative() {
    assertThat(run("IN_PROGRESS", NOW.plusMillis(310), null).elapsed(NOW)).contains(Duration.ZERO);
  }
}
