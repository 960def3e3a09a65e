package dev.crossbatch.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void format_picksTheUnitByMagnitude() {
    assertThat(Durations.format(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(Durations.format(Duration.ofMillis(4100))).isEqualTo("4.1s");
    assertThat(Durations.format(Duration.ofSeconds(125))).isEqualTo("2m05s");
    assertThat(Durations.format(Duration.ofSeconds(3720))).isEqualTo("1h02m");
  }

  @Test
  void format_ofANegativeDuration_isZero() {
    assertThat(Durations.format(Duration.ofMillis(-310))).isEqualTo("0ms");
    assertThat(Durations.format(Duration.ofSeconds(-3720))).isEqualTo("0ms");
  }
}
