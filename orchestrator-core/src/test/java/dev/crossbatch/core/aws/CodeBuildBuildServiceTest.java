package dev.crossbatch.core.aws;

import static dev.crossbatch.core.aws.CodeBuildWire.Group;
import static dev.crossbatch.core.aws.CodeBuildWire.batch;
import static dev.crossbatch.core.aws.CodeBuildWire.batches;
import static dev.crossbatch.core.aws.CodeBuildWire.body;
import static dev.crossbatch.core.aws.CodeBuildWire.error;
import static dev.crossbatch.core.aws.CodeBuildWire.ok;
import static dev.crossbatch.core.aws.CodeBuildWire.wrapped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BatchTracker;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.TransientFailure;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CodeBuild backend against CodeBuild's JSON protocol on loopback (WireMock), through the real SDK. */
class CodeBuildBuildServiceTest extends WireTest {
  static List<Group> platforms(String status) {
    return List.of(Group.of("linux_amd64", status), Group.of("darwin_arm64", status), Group.of("windows_amd64", status));
  }

  private static BatchRequest request(String buildspec, Map<String, String> env) {
    return new BatchRequest(null, buildspec, "buildspecs/buildspec.yml", Map.of(), SHA, env, List.of(), false, 0, null);
  }

  /** Follows a batch without waiting for real, recording each interval. */
  private BatchSnapshot follow(List<Duration> sleeps) {
    return BatchTracker.follow(() -> service.describe(ID), s -> {}, new BatchTracker.Polling(Duration.ofSeconds(3), Duration.ofSeconds(30), 1.5),
        sleeps::add, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), null);
  }

  @Test
  void start_speaksCodeBuildsJsonProtocol_andSendsEveryFieldWithAnIdempotencyToken() {
    wire.answer("StartBuildBatch", ok(wrapped(batch(ID, "IN_PROGRESS", "SUBMITTED", false, platforms("PENDING")))));
    String buildspec = "version: 0.2\nphases:\n  build:\n    commands: [make]\n";

    BatchSnapshot started = service.start(request(buildspec, Map.of("VERSION", "v1.2.0")));

    LoggedRequest sent = wire.requests("StartBuildBatch").get(0);
    assertThat(sent.getMethod().getName()).isEqualTo("POST");
    assertThat(sent.getUrl()).isEqualTo("/");
    assertThat(sent.getHeader("Content-Type")).startsWith("application/x-amz-json-1.1");
    assertThat(sent.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/us-east-1/codebuild/aws4_request");
    JsonNode body = body(sent);
    assertThat(body.get("projectName").asText()).isEqualTo(PROJECT);
    assertThat(body.get("sourceVersion").asText()).isEqualTo(SHA);
    assertThat(body.get("idempotencyToken").asText()).isEqualTo("token-1");
    assertThat(body.get("buildspecOverride").asText()).isEqualTo(buildspec);
    assertThat(body.get("environmentVariablesOverride").toString()).isEqualTo("[{\"name\":\"VERSION\",\"value\":\"v1.2.0\",\"type\":\"PLAINTEXT\"}]");
    assertThat(started.id()).isEqualTo(ID);
    assertThat(started.backend()).isEqualTo("codebuild");
    assertThat(started.downloadSource().identifier()).isEqualTo("DOWNLOAD_SOURCE");
    assertThat(started.builds()).extracting(BuildRun::label).containsExactly("linux/amd64", "darwin/arm64", "windows/amd64");
    assertThat(started.builds()).extracting(BuildRun::status).containsOnly("PENDING");
    assertThat(service.lastBatch()).contains(ID);
  }

  @Test
  void start_withTheProjectsBuildspec_sendsNoOverride() {
    wire.answer("StartBuildBatch", ok(wrapped(batch(ID, "IN_PROGRESS", "SUBMITTED", false, platforms("PENDING")))));

    service.start(request(null, Map.of()));

    JsonNode body = body(wire.requests("StartBuildBatch").get(0));
    assertThat(body.has("buildspecOverride")).isFalse();
    assertThat(body.has("environmentVariablesOverride")).isFalse();
    assertThat(body.get("idempotencyToken").asText()).isNotBlank();
  }

  @Test
  void follow_inProgressToSucceeded_oneBatchGetBuildBatchesPerTick_backingOff() {
    wire.sequence("BatchGetBuildBatches", List.of(
        ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, platforms("PENDING")))),
        ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, List.of(Group.of("linux_amd64", "SUCCEEDED"), Group.of("darwin_arm64", "IN_PROGRESS"), Group.of("windows_amd64", "IN_PROGRESS"))))),
        ok(batches(batch(ID, "SUCCEEDED", "SUCCEEDED", true, platforms("SUCCEEDED"))))));
    List<Duration> sleeps = new ArrayList<>();

    BatchSnapshot end = follow(sleeps);

    assertThat(end.status()).isEqualTo("SUCCEEDED");
    assertThat(end.complete()).isTrue();
    assertThat(wire.operations()).containsExactly("BatchGetBuildBatches", "BatchGetBuildBatches", "BatchGetBuildBatches");
    assertThat(body(wire.requests("BatchGetBuildBatches").get(0)).toString()).isEqualTo("{\"ids\":[\"" + ID + "\"]}");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(4500));
  }

  @Test
  void oneFailedPlatform_thenRetryFailedBuilds_keepsTheBatchId_andCountsAttempts() {
    wire.answer("RetryBuildBatch", ok(wrapped(batch(ID, "IN_PROGRESS", "SUBMITTED", false,
        List.of(Group.of("linux_amd64", "SUCCEEDED"), new Group("darwin_arm64", "FAILED", 0, null), Group.of("windows_amd64", "SUCCEEDED"))))));
    String failedBatch = batches(batch(ID, "FAILED", "FAILED", true,
        List.of(Group.of("linux_amd64", "SUCCEEDED"), Group.of("darwin_arm64", "FAILED"), Group.of("windows_amd64", "SUCCEEDED"))));
    wire.sequence("BatchGetBuildBatches", List.of(
        ok(failedBatch),
        ok(failedBatch),
        ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, List.of(Group.of("linux_amd64", "SUCCEEDED"), new Group("darwin_arm64", "IN_PROGRESS", 1, null), Group.of("windows_amd64", "SUCCEEDED"))))),
        ok(batches(batch(ID, "SUCCEEDED", "SUCCEEDED", true, List.of(Group.of("linux_amd64", "SUCCEEDED"), new Group("darwin_arm64", "SUCCEEDED", 1, null), Group.of("windows_amd64", "SUCCEEDED")))))));

    BatchSnapshot failed = service.describe(ID);
    service.retry(ID);
    BatchSnapshot end = follow(new ArrayList<>());

    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.build("darwin_arm64").orElseThrow().status()).isEqualTo("FAILED");
    JsonNode retry = body(wire.requests("RetryBuildBatch").get(0));
    assertThat(retry.get("id").asText()).isEqualTo(ID);
    assertThat(retry.get("retryType").asText()).isEqualTo("RETRY_FAILED_BUILDS");
    assertThat(retry.get("idempotencyToken").asText()).isEqualTo("token-1");
    assertThat(end.id()).isEqualTo(ID);
    assertThat(end.status()).isEqualTo("SUCCEEDED");
    assertThat(end.build("darwin_arm64").orElseThrow().attempt()).isEqualTo(2);
    assertThat(end.build("linux_amd64").orElseThrow().attempt()).isEqualTo(1);
  }

  @Test
  void retry_ofABatchStillRunning_isRefusedBeforeAnyRetryIsSent() {
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, platforms("IN_PROGRESS")))));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> service.retry(ID));

    assertThat(e.kind()).isEqualTo(ErrorKind.USAGE);
    assertThat(e.getMessage()).isEqualTo("batch " + ID + " is IN_PROGRESS: retry needs an ended batch with failed builds");
    assertThat(e.hint()).contains("wait for it to end: crossbatch watch " + ID);
    assertThat(wire.operations()).containsExactly("BatchGetBuildBatches");
  }

  @Test
  void stop_sendsStopBuildBatch_andReturnsTheStoppedBatch() {
    wire.answer("StopBuildBatch", ok(wrapped(batch(ID, "STOPPED", "STOPPED", true, platforms("STOPPED")))));

    BatchSnapshot stopped = service.stop(ID);

    assertThat(body(wire.requests("StopBuildBatch").get(0)).toString()).isEqualTo("{\"id\":\"" + ID + "\"}");
    assertThat(stopped.status()).isEqualTo("STOPPED");
  }

  @Test
  void throttlingBurst_slowsPollingDown_andNeverFailsTheWatch() {
    List<com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> responses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      responses.add(error(400, "ThrottlingException", "Rate exceeded"));
    }
    responses.add(ok(batches(batch(ID, "SUCCEEDED", "SUCCEEDED", true, platforms("SUCCEEDED")))));
    wire.sequence("BatchGetBuildBatches", responses);
    List<Duration> sleeps = new ArrayList<>();

    BatchSnapshot end = follow(sleeps);

    assertThat(end.status()).isEqualTo("SUCCEEDED");
    assertThat(wire.requests("BatchGetBuildBatches")).hasSize(9);
    assertThat(sleeps).startsWith(Duration.ofSeconds(6)).allMatch(d -> d.compareTo(Duration.ofSeconds(6)) >= 0);
  }

  @Test
  void serverErrors_areRetriedBySdkAndTracker_thenTheWatchGivesUpNamingThem() {
    wire.answer("BatchGetBuildBatches", error(500, "InternalFailure", "boom"));

    TransientFailure failure = catchThrowableOfType(TransientFailure.class, () -> follow(new ArrayList<>()));

    assertThat(failure.getMessage()).isEqualTo("CodeBuild failed BatchGetBuildBatches with HTTP 500 (InternalFailure)");
    assertThat(failure.kind()).isEqualTo(ErrorKind.AWS);
    assertThat(wire.requests("BatchGetBuildBatches")).hasSize(BatchTracker.MAX_FAILED_POLLS * 3);
  }

  @Test
  void connectionReset_isRetried_andTheCallSucceeds() {
    wire.sequence("BatchGetBuildBatches", List.of(CodeBuildWire.reset(), CodeBuildWire.reset(),
        ok(batches(batch(ID, "SUCCEEDED", "SUCCEEDED", true, platforms("SUCCEEDED"))))));

    assertThat(service.describe(ID).status()).isEqualTo("SUCCEEDED");
    assertThat(wire.requests("BatchGetBuildBatches")).hasSize(3);
  }

  /** Margins wide enough for a machine under load: a short delay against a long timeout, a stall against a short one. */
  @Test
  void slowResponses_withinTheTimeoutSucceed_beyondItAreTransient() {
    clients.close();
    clients = new AwsClients(new AwsSettings("us-east-1", null, wire.endpoint()), null,
        new AwsClients.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(35), Duration.ofSeconds(60)));
    service = new CodeBuildBuildService(clients, PROJECT, () -> "t", memory);
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, platforms("IN_PROGRESS")))).withFixedDelay(200));
    assertThat(service.describe(ID).status()).isEqualTo("IN_PROGRESS");

    try (AwsClients impatient = new AwsClients(new AwsSettings("us-east-1", null, wire.endpoint()), null,
        new AwsClients.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(5)))) {
      CodeBuildBuildService stalled = new CodeBuildBuildService(impatient, PROJECT, () -> "t", memory);
      wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, platforms("IN_PROGRESS")))).withFixedDelay(600_000));
      assertThat(catchThrowableOfType(TransientFailure.class, () -> stalled.describe(ID))).isNotNull();
    }
  }

  @Test
  void projectMissing_saysHowToDeployIt() {
    wire.answer("StartBuildBatch", error(400, "ResourceNotFoundException", "Project cannot be found: arn:aws:codebuild:us-east-1:111122223333:project/hello-release"));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> service.start(request(null, Map.of())));

    assertThat(e.kind()).isEqualTo(ErrorKind.AWS);
    assertThat(e.getMessage()).isEqualTo("CodeBuild project 'hello-release' was not found (Project cannot be found: arn:aws:codebuild:us-east-1:111122223333:project/hello-release)");
    assertThat(e.hint()).contains("deploy it first: aws cloudformation deploy --template-file templates/codebuild-project.yml --stack-name hello-release "
        + "--capabilities CAPABILITY_IAM (or fix codebuild.project and --region)");
    assertThat(wire.requests("StartBuildBatch")).as("not retried").hasSize(1);
  }

  @Test
  void badCredentials_expiredToken_accessDenied_invalidInput_areEachOneClearMessage() {
    wire.sequence("StartBuildBatch", List.of(
        error(400, "UnrecognizedClientException", "The security token included in the request is invalid."),
        error(400, "ExpiredTokenException", "The security token included in the request is expired"),
        error(400, "AccessDeniedException", "User: arn:aws:iam::111122223333:user/dev is not authorized to perform: codebuild:StartBuildBatch on resource: arn:aws:codebuild:us-east-1:111122223333:project/hello-release because no identity-based policy allows the codebuild:StartBuildBatch action"),
        error(400, "InvalidInputException", "Build batch configuration is not enabled for the project hello-release")));

    List<String> messages = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> service.start(request(null, Map.of())));
      assertThat(e.kind()).isEqualTo(ErrorKind.AWS);
      messages.add(e.getMessage() + " | " + e.hint().orElse(""));
    }

    assertThat(messages).containsExactly(
        "AWS rejected the credentials (UnrecognizedClientException: The security token included in the request is invalid.)"
            + " | check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or --profile, and that they belong to this account and region",
        "the AWS credentials have expired (ExpiredTokenException) | refresh them (aws sso login, or new session credentials) and try again",
        "access denied: this identity may not call codebuild:StartBuildBatch on arn:aws:codebuild:us-east-1:111122223333:project/hello-release"
            + " | grant codebuild:StartBuildBatch (the stack's UserPolicyArn output allows what crossbatch needs), or use another --profile",
        "CodeBuild rejected StartBuildBatch: Build batch configuration is not enabled for the project hello-release"
            + " | fix what CodeBuild names above, then try again");
  }

  @Test
  void unreachableEndpoint_namesItAndTheCause() {
    clients.close();
    clients = new AwsClients(new AwsSettings("us-east-1", null, URI.create("http://127.0.0.1:1")), null,
        new AwsClients.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    service = new CodeBuildBuildService(clients, PROJECT, () -> "t", memory);

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> service.start(request(null, Map.of())));

    assertThat(e.kind()).isEqualTo(ErrorKind.AWS);
    assertThat(e.getMessage()).startsWith("cannot reach http://127.0.0.1:1 (").contains("Connection refused");
    assertThat(e.hint()).contains("check the network, --endpoint-url and --region");
  }

  @Test
  void unknownBatch_isAUsageErrorNamingTheProjectAndRegion() {
    wire.answer("BatchGetBuildBatches", ok("{\"buildBatches\":[],\"buildBatchesNotFound\":[\"" + ID + "\"]}"));

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> service.describe(ID));

    assertThat(e.kind()).isEqualTo(ErrorKind.USAGE);
    assertThat(e.getMessage()).isEqualTo("CodeBuild has no batch " + ID + " (project hello-release, us-east-1)");
  }

  @Test
  void details_ofAHundredBuilds_isOneBatchGetBuilds_givingPhasesTimesAndSha256() {
    List<Group> groups = new ArrayList<>();
    List<Object> builds = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      groups.add(Group.of("build_" + i, "SUCCEEDED"));
      String id = PROJECT + ":" + String.format("%08d-0000-4000-8000-000000000000", i);
      builds.add(Map.of("id", id, "buildStatus", "SUCCEEDED", "currentPhase", "COMPLETED", "startTime", 1732190434.2, "endTime", 1732190500.5,
          "phases", List.of(Map.of("phaseType", "BUILD", "phaseStatus", "SUCCEEDED", "startTime", 1732190440.0, "endTime", 1732190490.0, "durationInSeconds", 50,
              "contexts", List.of(Map.of("statusCode", "", "message", ""))), Map.of("phaseType", "COMPLETED", "startTime", 1732190500.5)),
          "artifacts", Map.of("location", "arn:aws:s3:::bucket/hello_" + i + ".zip", "sha256sum", String.format("%064d", i)),
          "logs", Map.of("groupName", "/aws/codebuild/" + PROJECT, "streamName", String.format("%08d-0000-4000-8000-000000000000", i))));
    }
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "SUCCEEDED", "SUCCEEDED", true, groups))));
    wire.answer("BatchGetBuilds", ok(CodeBuildWire.json(Map.of("builds", builds, "buildsNotFound", List.of()))));

    BatchSnapshot detailed = service.details(service.describe(ID));

    assertThat(wire.requests("BatchGetBuilds")).hasSize(1);
    assertThat(body(wire.requests("BatchGetBuilds").get(0)).get("ids")).hasSize(100);
    BuildRun first = detailed.builds().get(0);
    assertThat(first.phase()).isEqualTo("COMPLETED");
    assertThat(first.elapsed(Instant.EPOCH)).contains(Duration.ofMillis(66300));
    assertThat(first.artifact().sha256()).isEqualTo(String.format("%064d", 1));
    assertThat(first.artifact().location()).isEqualTo("arn:aws:s3:::bucket/hello_1.zip");
    assertThat(first.log()).isEqualTo("/aws/codebuild/hello-release 00000001-0000-4000-8000-000000000000");
  }

  @Test
  void anEndedBatchLookedAtAgain_isOneCall_untilARetryChangesItsBuilds() {
    List<Object> builds = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      builds.add(Map.of("id", PROJECT + ":" + String.format("%08d-0000-4000-8000-000000000000", i), "buildStatus", "SUCCEEDED",
          "currentPhase", "COMPLETED", "startTime", 1732190434.2, "endTime", 1732190500.5,
          "phases", List.of(Map.of("phaseType", "BUILD", "phaseStatus", "SUCCEEDED", "startTime", 1732190440.0, "endTime", 1732190490.0,
              "durationInSeconds", 50, "contexts", List.of())),
          "artifacts", Map.of("location", "arn:aws:s3:::bucket/hello_" + i + ".zip", "sha256sum", String.format("%064d", i))));
    }
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "SUCCEEDED", "SUCCEEDED", true, platforms("SUCCEEDED")))));
    wire.answer("BatchGetBuilds", ok(CodeBuildWire.json(Map.of("builds", builds, "buildsNotFound", List.of()))));

    BatchSnapshot first = dev.crossbatch.core.batch.ShowBatch.run(service, ID);
    BatchSnapshot again = dev.crossbatch.core.batch.ShowBatch.run(service, ID);

    assertThat(wire.operations()).containsExactly("BatchGetBuildBatches", "BatchGetBuilds", "BatchGetBuildBatches");
    assertThat(again).isEqualTo(first);
    assertThat(again.builds().get(0).artifact().sha256()).isEqualTo(String.format("%064d", 1));

    // retried since: darwin's group has a new attempt, so what was kept is of another batch
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "SUCCEEDED", "SUCCEEDED", true,
        List.of(Group.of("linux_amd64", "SUCCEEDED"), new Group("darwin_arm64", "SUCCEEDED", 1, null), Group.of("windows_amd64", "SUCCEEDED"))))));
    dev.crossbatch.core.batch.ShowBatch.run(service, ID);
    assertThat(wire.requests("BatchGetBuilds")).hasSize(2);

    // a running batch is never answered from what was kept
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, platforms("IN_PROGRESS")))));
    assertThat(dev.crossbatch.core.batch.ShowBatch.run(service, ID).status()).isEqualTo("IN_PROGRESS");
    assertThat(wire.requests("BatchGetBuilds")).hasSize(2);
  }

  @Test
  void recent_listsTheProjectsBatchesNewestFirst_inTwoCalls() {
    String older = PROJECT + ":11111111-0000-4000-8000-000000000000";
    wire.answer("ListBuildBatchesForProject", ok(CodeBuildWire.listed(ID, older)));
    wire.answer("BatchGetBuildBatches", ok(batches(batch(older, "FAILED", "FAILED", true, platforms("FAILED")),
        batch(ID, "SUCCEEDED", "SUCCEEDED", true, platforms("SUCCEEDED")))));

    List<BatchSnapshot> recent = service.recent(10);

    assertThat(recent).extracting(BatchSnapshot::id).containsExactly(ID, older);
    var list = body(wire.requests("ListBuildBatchesForProject").get(0));
    assertThat(list.get("projectName").asText()).isEqualTo("hello-release");
    assertThat(list.get("sortOrder").asText()).isEqualTo("DESCENDING");
    assertThat(list.get("maxResults").asInt()).isEqualTo(10);
    assertThat(wire.operations()).containsExactly("ListBuildBatchesForProject", "BatchGetBuildBatches");
  }
}
