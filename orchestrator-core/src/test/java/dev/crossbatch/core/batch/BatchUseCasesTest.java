package dev.crossbatch.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The batch use cases on a scripted backend: what each asks the port, in what order, and what it makes of the answers. */
class BatchUseCasesTest {
  static final String ID = "hello:batch";
  static final BatchTracker.Polling POLLING = BatchTracker.Polling.fixed(Duration.ofSeconds(1));
  final Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
  final Sleeper sleeper = d -> { };

  static BatchSnapshot batch(String backend, String status, boolean complete, String... builds) {
    List<BuildRun> runs = new ArrayList<>();
    for (String b : builds) {
      String[] idStatus = b.split("=");
      runs.add(new BuildRun(idStatus[0], "hello:" + idStatus[0], idStatus[1], "", null, null, 1, false, List.of(),
          Map.of("GOOS", idStatus[0].split("_")[0], "GOARCH", idStatus[0].split("_")[1]), List.of(), null, null, null));
    }
    return new BatchSnapshot(ID, backend, "hello", status, "", "", "", "", false, Instant.EPOCH, null, complete, null, runs, null);
  }

  /** Answers describe from a script, and records every call. */
  static class Scripted implements BuildService {
    final Deque<BatchSnapshot> describes = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();
    BatchSnapshot stopAnswer;

    Scripted then(BatchSnapshot s) {
      describes.add(s);
      return this;
    }

    @Override
    public BatchSnapshot describe(String batchId) {
      calls.add("describe");
      return describes.size() > 1 ? describes.poll() : describes.peek();
    }

    @Override
    public BatchSnapshot stop(String batchId) {
      calls.add("stop");
      return stopAnswer;
    }

    @Override
    public List<BatchSnapshot> recent(int max) {
      calls.add("recent " + max);
      return List.of();
    }

    @Override
    public Optional<String> lastBatch() {
      return Optional.of(ID);
    }

    @Override
    public BatchSnapshot details(BatchSnapshot batch) {
      calls.add("details");
      return batch;
    }

    @Override
    public void remember(BatchSnapshot ended) {
      calls.add("remember " + ended.status());
    }

    @Override
    public LogChunk log(BuildRun build, String cursor) {
      throw new AssertionError("no use case here reads a log");
    }
  }

  /** A CodeBuild-like backend: it retries in place. */
  static final class Remote extends Scripted implements RemoteBatches {
    @Override
    public BatchSnapshot start(BatchRequest request) {
      throw new AssertionError("not started here");
    }

    @Override
    public BatchSnapshot retry(String batchId) {
      calls.add("retry");
      return batch("codebuild", "IN_PROGRESS", false, "linux_amd64=SUCCEEDED", "linux_arm64=IN_PROGRESS");
    }
  }

  @Test
  void watch_followsToTheEnd_thenTakesTheDetails_andRemembersOnce() {
    Scripted service = new Scripted().then(batch("local", "IN_PROGRESS", false, "linux_amd64=IN_PROGRESS"))
        .then(batch("local", "SUCCEEDED", true, "linux_amd64=SUCCEEDED"));
    List<String> seen = new ArrayList<>();

    BatchSnapshot end = Watch.run(service, new Watch.Request(ID, POLLING, null), s -> seen.add(s.status()), sleeper, clock);

    assertThat(end.status()).isEqualTo("SUCCEEDED");
    assertThat(seen).containsExactly("IN_PROGRESS", "SUCCEEDED");
    assertThat(service.calls).containsExactly("describe", "describe", "details", "remember SUCCEEDED");
  }

  @Test
  void show_takesTheDetailsAndRemembers_onlyOfAnEndedBatch() {
    Scripted running = new Scripted().then(batch("local", "IN_PROGRESS", false, "linux_amd64=IN_PROGRESS"));
    Scripted ended = new Scripted().then(batch("local", "FAILED", true, "linux_amd64=FAILED"));

    ShowBatch.run(running, ID);
    ShowBatch.run(ended, ID);

    assertThat(running.calls).containsExactly("describe");
    assertThat(ended.calls).containsExactly("describe", "details", "remember FAILED");
  }

  @Test
  void stop_waitsUntilTheBatchHasEnded_unlessToldNot_orItHadAlreadyEnded() {
    Scripted waiting = new Scripted().then(batch("local", "IN_PROGRESS", false)).then(batch("local", "STOPPED", true));
    waiting.stopAnswer = batch("local", "IN_PROGRESS", false);
    StopBatch.Result waited = StopBatch.run(waiting, new StopBatch.Request(ID, true, POLLING), sleeper, clock);
    assertThat(waited.end().status()).isEqualTo("STOPPED");
    assertThat(waited.endedBefore()).isFalse();

    Scripted noWait = new Scripted();
    noWait.stopAnswer = batch("local", "IN_PROGRESS", false);
    StopBatch.Result asked = StopBatch.run(noWait, new StopBatch.Request(ID, false, POLLING), sleeper, clock);
    assertThat(asked.end()).isNull();
    assertThat(noWait.calls).containsExactly("stop");

    Scripted done = new Scripted();
    done.stopAnswer = batch("codebuild", "SUCCEEDED", true);
    StopBatch.Result late = StopBatch.run(done, new StopBatch.Request(ID, true, POLLING), sleeper, clock);
    assertThat(late.endedBefore()).isTrue();
    assertThat(done.calls).containsExactly("stop");
  }

  @Test
  void retry_inPlace_onCodeBuild_listsWhatRunsAgain() {
    Remote remote = new Remote();
    RetryBatch.Result result = RetryBatch.run(remote, ID);
    assertThat(result.retried()).containsExactly("linux/arm64");
    assertThat(remote.calls).containsExactly("retry");
  }

  @Test
  void retry_ofALocalBatch_saysWhichCommandRunsItsFailedBuildsAgain() {
    Scripted local = new Scripted().then(batch("local", "FAILED", true, "linux_amd64=SUCCEEDED", "linux_arm64=FAILED"));
    assertThatThrownBy(() -> RetryBatch.run(local, ID)).isInstanceOf(CrossbatchException.class)
        .hasMessageContaining("a local batch is not retried in place")
        .satisfies(e -> assertThat(((CrossbatchException) e).hint()).hasValue("run its failed builds again: crossbatch start --local --platform linux/arm64"));
  }

  @Test
  void listBatches_asksForTheLimit_withinOneToAHundred() {
    Scripted service = new Scripted();
    ListBatches.run(service, 7);
    assertThat(service.calls).containsExactly("recent 7");
    assertThatThrownBy(() -> ListBatches.run(service, 101)).isInstanceOf(IllegalArgumentException.class);
  }
}
