package dev.crossbatch.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogFollowerTest {
  static final String BATCH = "hello:batch";

  /**
   * A backend whose batch moves one scripted state per describe, and whose logs grow with it:
   * after the n-th describe a build's log holds the lines scripted for it up to step n.
   */
  static class Scripted implements BuildService {
    final List<Object> states = new ArrayList<>();
    final Map<String, List<List<String>>> lines = new LinkedHashMap<>();
    int step = -1;
    int describes;

    Scripted then(String buildId, String status) {
      states.add(batch(buildId, status));
      return this;
    }

    Scripted failing(TransientFailure failure) {
      states.add(failure);
      return this;
    }

    Scripted log(String buildId, List<String>... byStep) {
      lines.put(buildId, List.of(byStep));
      return this;
    }

    @Override
    public BatchSnapshot describe(String batchId) {
      describes++;
      step = Math.min(step + 1, states.size() - 1);
      if (states.get(step) instanceof TransientFailure failure) {
        throw failure;
      }
      return (BatchSnapshot) states.get(step);
    }

    /** The log is known once the build has started. */
    @Override
    public BatchSnapshot details(BatchSnapshot batch) {
      BuildRun b = batch.builds().get(0);
      BuildRun detailed = new BuildRun(b.identifier(), b.buildId(), b.status(), b.phase(), b.start(), b.end(), b.attempt(), false,
          List.of(), b.variables(), List.of(), null, null, b.statusValue() == Status.PENDING ? null : "log:" + b.buildId());
      return new BatchSnapshot(batch.id(), "fake", "hello", batch.status(), "", "", "", "", false, Instant.EPOCH, null, batch.complete(),
          null, List.of(detailed), null);
    }

    @Override
    public LogChunk log(BuildRun build, String cursor) {
      List<List<String>> byStep = lines.getOrDefault(build.buildId(), List.of(List.of()));
      List<String> all = byStep.get(Math.min(Math.max(describes - 1, 0), byStep.size() - 1));
      int from = cursor == null ? 0 : Integer.parseInt(cursor);
      return new LogChunk(all.subList(from, all.size()), Integer.toString(all.size()), true);
    }

    @Override
    public BatchSnapshot stop(String batchId) {
      throw new AssertionError("following a log must not stop the batch");
    }

    @Override
    public List<BatchSnapshot> recent(int max) {
      return List.of();
    }

    @Override
    public Optional<String> lastBatch() {
      return Optional.empty();
    }
  }

  static BatchSnapshot batch(String buildId, String status) {
    BuildRun build = new BuildRun("linux_arm64", buildId, status, "", Instant.EPOCH, null, buildId.endsWith("2") ? 2 : 1, false, List.of(),
        Map.of("GOOS", "linux", "GOARCH", "arm64"), List.of(), null, null, null);
    boolean done = Status.parse(status).isTerminal();
    return new BatchSnapshot(BATCH, "fake", "hello", status, "", "", "", "", false, Instant.EPOCH, null, done, null, List.of(build), null);
  }

  final List<Duration> sleeps = new ArrayList<>();
  final List<String> out = new ArrayList<>();

  private BuildRun follow(Scripted service, boolean follow) {
    return new LogFollower(service, BATCH, new BatchTracker.Polling(Duration.ofSeconds(1), Duration.ofSeconds(4), 2), sleeps::add)
        .print("linux/arm64", follow, out::add);
  }

  @Test
  void follow_printsLinesAsTheyAreWritten_andReadsOnceMoreAfterTheBuildEnds() {
    Scripted service = new Scripted().then("b1", "IN_PROGRESS").then("b1", "IN_PROGRESS").then("b1", "SUCCEEDED")
        .log("b1", List.of("a"), List.of("a", "b"), List.of("a", "b", "c"), List.of("a", "b", "c", "late"));

    BuildRun end = follow(service, true);

    assertThat(out).containsExactly("a", "b", "c", "late");
    assertThat(end.status()).isEqualTo("SUCCEEDED");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void follow_ofABuildNotStartedYet_waitsForItsLog() {
    Scripted service = new Scripted().then("b1", "PENDING").then("b1", "PENDING").then("b1", "SUCCEEDED")
        .log("b1", List.of(), List.of(), List.of("only"));

    follow(service, true);

    assertThat(out).containsExactly("only");
  }

  @Test
  void follow_acrossARetry_startsTheNewAttemptsLogAfterASeparator() {
    Scripted service = new Scripted().then("b1", "FAILED").then("b2", "IN_PROGRESS").then("b2", "SUCCEEDED")
        .log("b1", List.of("first try", "FAILED"))
        .log("b2", List.of(), List.of("second try"), List.of("second try", "ok"));

    follow(service, true);

    assertThat(out).containsExactly("first try", "FAILED", "--- linux/arm64: attempt 2 (b2) ---", "second try", "ok");
  }

  @Test
  void printFailed_printsEveryFailedLog_readingTheBatchAndItsDetailsOnce() {
    BuildRun ok = new BuildRun("linux_amd64", "b0", "SUCCEEDED", "", Instant.EPOCH, null, 1, false, List.of(), Map.of(), List.of(), null, null, "l0");
    BuildRun one = new BuildRun("linux_arm64", "b1", "FAILED", "", Instant.EPOCH, null, 1, false, List.of(), Map.of(), List.of(), null, null, "l1");
    BuildRun two = new BuildRun("darwin_arm64", "b2", "FAILED", "", Instant.EPOCH, null, 1, false, List.of(), Map.of(), List.of(), null, null, "l2");
    BuildRun skipped = new BuildRun("windows_arm64", "b3", "STOPPED", "", null, null, 1, false, List.of(), Map.of(), List.of(), null, null, null);
    BatchSnapshot ended = new BatchSnapshot(BATCH, "fake", "hello", "FAILED", "", "", "", "", false, Instant.EPOCH, null, true, null,
        List.of(ok, one, two, skipped), null);
    int[] calls = new int[2];
    BuildService service = new Scripted() {
      @Override
      public BatchSnapshot describe(String batchId) {
        calls[0]++;
        return ended;
      }

      @Override
      public BatchSnapshot details(BatchSnapshot batch) {
        calls[1]++;
        return batch;
      }

      @Override
      public LogChunk log(BuildRun build, String cursor) {
        // two chunks per log: the first one not caught up
        return cursor == null ? new LogChunk(List.of(build.log() + " a"), "1", false) : new LogChunk(List.of(build.log() + " b"), "2", true);
      }

    };

    List<BuildRun> failed = new LogFollower(service, BATCH, new BatchTracker.Polling(Duration.ofSeconds(1), Duration.ofSeconds(4), 2), sleeps::add)
        .printFailed(out::add);

    assertThat(failed).extracting(BuildRun::identifier).containsExactly("linux_arm64", "darwin_arm64", "windows_arm64");
    assertThat(out).containsExactly("==> linux_arm64: FAILED <==", "l1 a", "l1 b", "==> darwin_arm64: FAILED <==", "l2 a", "l2 b",
        "==> windows_arm64: STOPPED <==", "(no log: the build did not run)");
    assertThat(calls).containsExactly(1, 1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void withoutFollow_printsWhatIsWrittenAndReturns() {
    Scripted service = new Scripted().then("b1", "IN_PROGRESS").log("b1", List.of("so far"));

    follow(service, false);

    assertThat(out).containsExactly("so far");
    assertThat(sleeps).isEmpty();
    assertThat(service.describes).isEqualTo(1);
  }

  @Test
  void withoutFollow_aBuildNotStarted_saysSoAndHowToWait() {
    Scripted service = new Scripted().then("b1", "PENDING");

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> follow(service, false));

    assertThat(e.kind()).isEqualTo(ErrorKind.USAGE);
    assertThat(e.getMessage()).isEqualTo("linux/arm64 of hello:batch has no log yet: it is PENDING");
    assertThat(e.hint()).contains("add --follow to wait for it");
  }

  @Test
  void throttling_slowsFollowingDown_andOtherFailuresEndItAfterFiveInARow() {
    TransientFailure throttled = new TransientFailure("throttled", null, true);
    TransientFailure down = new TransientFailure("HTTP 503", null, false);
    Scripted slowed = new Scripted().then("b1", "IN_PROGRESS").failing(throttled).then("b1", "SUCCEEDED").log("b1", List.of("x"));

    follow(slowed, true);

    assertThat(sleeps).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(4));
    Scripted broken = new Scripted().then("b1", "IN_PROGRESS").failing(down);
    assertThat(catchThrowableOfType(TransientFailure.class, () -> follow(broken, true))).isSameAs(down);
    assertThat(broken.describes).isEqualTo(1 + BatchTracker.MAX_FAILED_POLLS);
  }
}
