package dev.crossbatch.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimelineTest {
  /** The picture's numbers are written as %.1f writes them, ties and tiny values included. */
  @Test
  void coordinates_areWrittenAsFormatWritesThem() {
    double[] edges = {0, 0.04, 0.05, 0.15, 0.25, 0.35, 1.45, 2.5, 12.25, 99.95, 100, 5.0E-4, 1.0E-7, 823.4499999, 823.45, 1.5, 1e7 + 0.05};
    for (double v : edges) {
      assertThat(Timeline.f(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.1f", v));
    }
    Random random = new Random(16);
    for (int i = 0; i < 100_000; i++) {
      double v = random.nextInt(4) == 0 ? Math.round(random.nextDouble() * 20_000) / 20.0 : random.nextDouble() * 1200;
      assertThat(Timeline.f(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.1f", v));
    }
  }
}
