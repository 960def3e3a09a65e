package dev.crossbatch.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.batch.BuildRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Timestamped lines, for CI logs: labels line up, one line per change, and the header counts builds right. */
class LineViewTest {
  static BuildRun build(String identifier, String status) {
    return new BuildRun(identifier, "p:1", status, "BUILD", LiveViewTest.T0, null, 1, false, List.of(), Map.of(), List.of(), null, null, null);
  }

  @Test
  void labelsLineUp_butALongIdentifierDoesNotPushEveryLineRight() {
    StringWriter text = new StringWriter();
    LineView view = new LineView(new PrintWriter(text), Clock.fixed(LiveViewTest.T0, ZoneOffset.UTC), false);
    String longest = "l_notifications_sms_pull_auth_10_container_hosting_schema_auth_13_function_5_schema_iterative_update_locking_api_lambda";

    view.update(LiveViewTest.batch("IN_PROGRESS", List.of(build("lint", "PENDING"), build(longest, "PENDING"))));
    view.update(LiveViewTest.batch("IN_PROGRESS", List.of(build("lint", "IN_PROGRESS"), build(longest, "IN_PROGRESS"))));
    view.close();

    assertThat(text.toString()).contains("(2 builds; times in UTC)\n")
        .contains("  lint" + " ".repeat(LineView.MAX_ALIGNED - 4) + "  started\n")
        .contains("  " + longest + "  started\n");
  }

  @Test
  void oneBuild_isCountedInTheSingular() {
    StringWriter text = new StringWriter();
    LineView view = new LineView(new PrintWriter(text), Clock.fixed(LiveViewTest.T0, ZoneOffset.UTC), false);

    view.update(LiveViewTest.batch("IN_PROGRESS", List.of(build("build", "PENDING"))));

    assertThat(text.toString()).contains("(1 build; times in UTC)\n");
  }
}
