package dev.crossbatch.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolVersionsTest {
  @Test
  void theVersionsAskedOnAnotherThread_areTheOnesAskedInTurn_inTheSameOrder() {
    Map<String, String> asked = ToolVersions.localAsked("1.2.3");
    Map<String, String> inTurn = ToolVersions.local("1.2.3");

    assertThat(asked).isEqualTo(inTurn);
    assertThat(List.copyOf(asked.keySet())).isEqualTo(List.copyOf(inTurn.keySet()));
    // this machine has git and go (the release tests need both)
    assertThat(asked.keySet()).containsExactly("crossbatch", "java", "git", "go");
    assertThat(asked.get("go")).startsWith("go");
  }
}
