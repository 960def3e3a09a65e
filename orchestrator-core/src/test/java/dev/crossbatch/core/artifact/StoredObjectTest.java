package dev.crossbatch.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredObjectTest {
  @Test
  void equalsAndHashCode_takeEveryMember_asARecordWould() {
    Instant t = Instant.parse("2026-12-01T00:00:00Z");
    StoredObject zip = new StoredObject("releases/hello_linux_amd64_3f9c2e1.zip", 10, t, "\"e1\"");
    assertThat(zip).isEqualTo(new StoredObject("releases/hello_linux_amd64_3f9c2e1.zip", 10, t, "\"e1\""))
        .hasSameHashCodeAs(new StoredObject("releases/hello_linux_amd64_3f9c2e1.zip", 10, t, "\"e1\""));
    assertThat(zip).isNotEqualTo(new StoredObject("releases/hello_linux_arm64_3f9c2e1.zip", 10, t, "\"e1\""))
        .isNotEqualTo(new StoredObject("releases/hello_linux_amd64_3f9c2e1.zip", 11, t, "\"e1\""))
        .isNotEqualTo(new StoredObject("releases/hello_linux_amd64_3f9c2e1.zip", 10, t.plusSeconds(1), "\"e1\""))
        .isNotEqualTo(new StoredObject("releases/hello_linux_amd64_3f9c2e1.zip", 10, t, "\"e2\""))
        .isNotEqualTo(new StoredObject("releases/hello_linux_amd64_3f9c2e1.zip", 10, null, null))
        .isNotEqualTo("releases/hello_linux_amd64_3f9c2e1.zip");
    assertThat(new StoredObject("a", 0, null, null)).isEqualTo(new StoredObject("a", 0, null, null))
        .hasSameHashCodeAs(new StoredObject("a", 0, null, null));
  }
}
