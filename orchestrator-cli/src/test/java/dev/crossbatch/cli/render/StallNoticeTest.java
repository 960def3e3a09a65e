package dev.crossbatch.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StallNoticeTest {
  @Test
  void aServiceThatDoesNotAnswer_isSaidToBeWaitedFor_onceEveryPeriod_untilItAnswers() {
    List<String> said = new CopyOnWriteArrayList<>();
    try (StallNotice notice = new StallNotice("CodeBuild", Duration.ofMillis(200), said::add)) {
      Await.until("two notices", () -> said.size() >= 2);
      assertThat(said.subList(0, 2)).containsExactly("still waiting for CodeBuild (no answer for 200ms)", "still waiting for CodeBuild (no answer for 400ms)");

      notice.answered();
      int before = said.size();
      Await.until("a notice counted from the answer", () -> said.size() > before);
      assertThat(said.get(before)).isEqualTo("still waiting for CodeBuild (no answer for 200ms)");
    }
  }
}
