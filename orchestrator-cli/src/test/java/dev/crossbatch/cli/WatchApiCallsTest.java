package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cost of watching a batch on CodeBuild depends on how long it runs, not on how many builds it has. */
class WatchApiCallsTest {
  @Test
  void watchingATenMinuteBatch_costsTheSameForSixAndAHundredBuilds_atMost40Calls() throws Exception {
    WatchApiCalls.Result six = WatchApiCalls.measure(6, Duration.ofMinutes(10));
    WatchApiCalls.Result hundred = WatchApiCalls.measure(100, Duration.ofMinutes(10));

    assertThat(six.exit()).isZero();
    assertThat(hundred.exit()).isZero();
    assertThat(six.calls()).isEqualTo(hundred.calls());
    assertThat(six.total()).isLessThanOrEqualTo(40);
    assertThat(six.calls()).containsEntry("BatchGetBuilds", 1).containsOnlyKeys("BatchGetBuildBatches", "BatchGetBuilds");
    assertThat(six.watched()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(10).plusSeconds(30));
    // what bench/codebuild.sh reports
    Path report = Files.createDirectories(Path.of("target/bench")).resolve("watch-api-calls.txt");
    Files.writeString(report, WatchApiCalls.table(java.util.List.of(six, hundred)));
  }
}
