package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The writer saves the newest state, at most once per interval, and the last one when the batch ends. */
class StateWriterTest {
  private final List<String> saved = new CopyOnWriteArrayList<>();

  private static BatchSnapshot state(String status) {
    return new BatchSnapshot("hello-release:1", "local", "hello-release", status, "", "", "", "", false, Instant.EPOCH, null, false, null,
        List.of(), null);
  }

  @Test
  void aChangeAfterAQuietSpell_isSavedWithoutWaitingForTheEnd() {
    try (StateWriter writer = new StateWriter(s -> saved.add(s.status()), Duration.ofHours(1))) {
      writer.accept(state("IN_PROGRESS"));

      Await.until("the first change saved", () -> saved.equals(List.of("IN_PROGRESS")));
    }
  }

  @Test
  void changesWithinTheInterval_areNotSavedOneByOne_andTheEndSavesTheLast() {
    try (StateWriter writer = new StateWriter(s -> saved.add(s.status()), Duration.ofHours(1))) {
      writer.accept(state("first"));
      Await.until("the first change saved", () -> saved.size() == 1);

      for (int i = 0; i < 1000; i++) {
        writer.accept(state("change " + i));
      }
      writer.flush(state("SUCCEEDED"));

      // the thousand changes waited for the interval; the end needs none of them
      assertThat(saved).containsExactly("first", "SUCCEEDED");
    }
  }

  @Test
  void withAShortInterval_theNewestChangeIsSaved_beforeTheEnd() {
    try (StateWriter writer = new StateWriter(s -> saved.add(s.status()), Duration.ofMillis(1))) {
      for (int i = 0; i < 100; i++) {
        writer.accept(state("change " + i));
      }

      Await.until("the newest change saved", () -> !saved.isEmpty() && saved.get(saved.size() - 1).equals("change 99"));
    }
  }
}
