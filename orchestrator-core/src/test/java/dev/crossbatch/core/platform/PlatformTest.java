package dev.crossbatch.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformTest {
  @Test
  void equalsAndHashCode_takeOsArchAndVariant_asARecordWould() {
    Platform armV7 = new Platform("linux", "arm", "7");
    assertThat(armV7).isEqualTo(new Platform("linux", "arm", "7")).hasSameHashCodeAs(new Platform("linux", "arm", "7"));
    assertThat(armV7).isNotEqualTo(new Platform("linux", "arm", "6")).isNotEqualTo(Platform.of("linux", "arm"))
        .isNotEqualTo(new Platform("linux", "arm64", "7")).isNotEqualTo(new Platform("darwin", "arm", "7")).isNotEqualTo("linux/arm/7");

    Set<Platform> every = new HashSet<>();
    for (String os : List.of("linux", "darwin", "windows", "freebsd")) {
      for (String arch : List.of("amd64", "arm64", "386", "arm")) {
        for (String variant : List.of("", "5", "6", "7")) {
          every.add(new Platform(os, arch, variant));
          assertThat(every).contains(new Platform(os, arch, variant));
        }
      }
    }
    assertThat(every).hasSize(64);
  }
}
