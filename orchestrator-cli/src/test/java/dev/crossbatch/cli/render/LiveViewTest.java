package dev.crossbatch.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveViewTest {
  static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

  static BuildRun build(String os, String status, String phase, Instant end) {
    return new BuildRun(os + "_amd64", "p:1", status, phase, T0, end, 1, false, List.of(),
        Map.of("GOOS", os, "GOARCH", "amd64"), List.of(), null, null, null);
  }

  static BatchSnapshot batch(String status, List<BuildRun> builds) {
    return new BatchSnapshot("p:1234", "local", "p", status, "IN_PROGRESS", "", "3f9c2e1a", "v1", false, T0, null, false, null, builds, null);
  }

  @Test
  void update_drawsOneRowPerPlatform_andRedrawsInPlace() {
    StringWriter text = new StringWriter();
    LiveView view = new LiveView(new PrintWriter(text), Clock.fixed(T0.plusSeconds(65), ZoneOffset.UTC), false, Path.of("/"), () -> 0);

    view.update(batch("IN_PROGRESS", List.of(build("linux", "IN_PROGRESS", "BUILD", null), build("darwin", "PENDING", "QUEUED", null))));
    String first = text.toString();
    view.update(batch("IN_PROGRESS", List.of(build("linux", "SUCCEEDED", "COMPLETED", T0.plusSeconds(4)), build("darwin", "IN_PROGRESS", "BUILD", null))));
    view.close();

    assertThat(first).contains("batch p:1234  IN_PROGRESS  commit 3f9c2e1  version v1", "linux/amd64   IN_PROGRESS  BUILD   1m05s", "darwin/amd64  PENDING");
    assertThat(text.toString().substring(first.length())).startsWith("\u001b[4A").contains("linux/amd64   SUCCEEDED    COMPLETED  4.0s");
    assertThat(text.toString()).doesNotContain("\u001b[32m");
  }

  @Test
  void colors_markStatusesOnlyWhenAsked() {
    StringWriter text = new StringWriter();
    LiveView view = new LiveView(new PrintWriter(text), Clock.fixed(T0, ZoneOffset.UTC), true, Path.of("/"), () -> 0);

    view.update(batch("IN_PROGRESS", List.of(build("linux", "SUCCEEDED", "COMPLETED", T0), build("darwin", "FAILED", "COMPLETED", T0))));
    view.close();

    assertThat(text.toString()).contains("\u001b[32mSUCCEEDED\u001b[0m", "\u001b[31mFAILED\u001b[0m");
  }

  @Test
  void closingTwice_drawsTheLastStateOnce_andNothingAfterwardsTouchesWhatWasPrintedBelow() {
    StringWriter text = new StringWriter();
    LiveView view = new LiveView(new PrintWriter(text), Clock.fixed(T0, ZoneOffset.UTC), false, Path.of("/"), () -> 0);
    view.update(batch("IN_PROGRESS", List.of(build("linux", "SUCCEEDED", "COMPLETED", T0))));

    view.close();
    int afterClose = text.toString().length();
    text.write("SUMMARY\n"); // what the command prints next
    view.close();
    view.update(batch("SUCCEEDED", List.of(build("linux", "SUCCEEDED", "COMPLETED", T0))));
    view.notice("late");

    assertThat(text.toString().substring(afterClose)).isEqualTo("SUMMARY\nnote: late\n");
  }

  @Test
  void everyRow_isCutToTheTerminalsWidth_soNoneWraps() {
    StringWriter text = new StringWriter();
    LiveView view = new LiveView(new PrintWriter(text), Clock.fixed(T0, ZoneOffset.UTC), true, Path.of("/"), () -> 30);

    view.update(batch("IN_PROGRESS", List.of(build("linux", "IN_PROGRESS", "BUILD", null), build("windows", "FAILED", "COMPLETED", T0))));
    view.close();

    for (String line : text.toString().split("\n")) {
      String visible = line.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").replace("\r", "");
      assertThat(visible.length()).as(visible).isLessThan(30);
    }
    assertThat(text.toString()).contains("batch p:1234  IN_PROGRESS  c\u2026");
  }
}
