package dev.crossbatch.core.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static dev.crossbatch.core.aws.CodeBuildWire.Group;
import static dev.crossbatch.core.aws.CodeBuildWire.batch;
import static dev.crossbatch.core.aws.CodeBuildWire.batches;
import static dev.crossbatch.core.aws.CodeBuildWire.body;
import static dev.crossbatch.core.aws.CodeBuildWire.build;
import static dev.crossbatch.core.aws.CodeBuildWire.builds;
import static dev.crossbatch.core.aws.CodeBuildWire.error;
import static dev.crossbatch.core.aws.CodeBuildWire.logPage;
import static dev.crossbatch.core.aws.CodeBuildWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.crossbatch.core.batch.BatchTracker;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.LogFollower;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Build logs from CloudWatch Logs (GetLogEvents) on the same loopback endpoint as CodeBuild. */
class CodeBuildLogsTest extends WireTest {
  static final String GET_LOG_EVENTS = "Logs_20140328.GetLogEvents";

  private void batchWithTwoBuilds(String darwinStatus) {
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, darwinStatus.equals("IN_PROGRESS") ? "IN_PROGRESS" : "FAILED", "IN_PROGRESS",
        !darwinStatus.equals("IN_PROGRESS"), List.of(Group.of("linux_amd64", "SUCCEEDED"), Group.of("darwin_arm64", darwinStatus))))));
    wire.answer("BatchGetBuilds", ok(builds(List.of(build(PROJECT, 1, "SUCCEEDED"), build(PROJECT, 2, darwinStatus)))));
  }

  private void logs(String token, ResponseDefinitionBuilder page) {
    wire.server().stubFor(CodeBuildWire.operation(GET_LOG_EVENTS)
        .withRequestBody(token == null ? matchingJsonPath("$.nextToken", absent()) : matchingJsonPath("$.nextToken", equalTo(token)))
        .willReturn(page));
  }

  private List<String> print(String platform) {
    List<String> lines = new ArrayList<>();
    new LogFollower(service, ID, BatchTracker.Polling.fixed(Duration.ofSeconds(2)), d -> {}).print(platform, false, lines::add);
    return lines;
  }

  @Test
  void log_readsTheBuildsStreamPageByPage_untilGetLogEventsHandsBackItsToken() {
    batchWithTwoBuilds("FAILED");
    logs(null, ok(logPage("f/1", "[Container] 2024/11/21 12:00:40 Running command go version", "go version go1.22.9 linux/amd64")));
    logs("f/1", ok(logPage("f/2", "[Container] 2024/11/21 12:00:45 Phase complete: BUILD State: FAILED")));
    logs("f/2", ok(logPage("f/2")));

    List<String> lines = print("darwin/arm64");

    assertThat(lines).containsExactly("[Container] 2024/11/21 12:00:40 Running command go version", "go version go1.22.9 linux/amd64",
        "[Container] 2024/11/21 12:00:45 Phase complete: BUILD State: FAILED");
    assertThat(wire.operations()).containsExactly("BatchGetBuildBatches", "BatchGetBuilds",
        "GetLogEvents", "GetLogEvents", "GetLogEvents");
    JsonNode first = body(wire.requests(GET_LOG_EVENTS).get(0));
    assertThat(first.get("logGroupName").asText()).isEqualTo("/aws/codebuild/hello-release");
    assertThat(first.get("logStreamName").asText()).isEqualTo("00000002-0000-4000-8000-000000000000");
    assertThat(first.get("startFromHead").asBoolean()).isTrue();
    assertThat(wire.requests(GET_LOG_EVENTS).get(0).getHeader("Content-Type")).startsWith("application/x-amz-json-1.1");
  }

  @Test
  void log_ofAStreamNotCreatedYet_readsAsEmpty() {
    batchWithTwoBuilds("FAILED");
    logs(null, error(400, "ResourceNotFoundException", "The specified log stream does not exist."));

    assertThat(print("darwin_arm64")).isEmpty();
  }

  @Test
  void log_deniedByIam_namesTheLogsAction() {
    batchWithTwoBuilds("FAILED");
    logs(null, error(400, "AccessDeniedException", "User: arn:aws:iam::111122223333:user/ci is not authorized to perform: logs:GetLogEvents"
        + " on resource: arn:aws:logs:us-east-1:111122223333:log-group:/aws/codebuild/hello-release:log-stream:x"));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> print("darwin/arm64"));

    assertThat(e.kind()).isEqualTo(ErrorKind.AWS);
    assertThat(e.getMessage()).startsWith("access denied: this identity may not call logs:GetLogEvents on arn:aws:logs:us-east-1:");
  }

  @Test
  void log_ofAPlatformNotInTheBatch_listsThoseItHas() {
    batchWithTwoBuilds("FAILED");

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> print("windows/amd64"));

    assertThat(e.kind()).isEqualTo(ErrorKind.USAGE);
    assertThat(e.getMessage()).isEqualTo("'windows/amd64' is not a build of " + ID + "; it has: linux/amd64, darwin/arm64");
  }

  @Test
  void describeThenDetails_fillInTheLogStreamOfEachBuild() {
    batchWithTwoBuilds("IN_PROGRESS");

    BuildRun darwin = service.details(service.describe(ID)).build("darwin_arm64").orElseThrow();

    assertThat(darwin.log()).isEqualTo("/aws/codebuild/hello-release 00000002-0000-4000-8000-000000000000");
    assertThat(darwin.status()).isEqualTo("IN_PROGRESS");
  }
}
