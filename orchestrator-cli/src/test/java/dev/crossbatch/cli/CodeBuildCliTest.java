package dev.crossbatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static dev.crossbatch.core.aws.CodeBuildWire.batch;
import static dev.crossbatch.core.aws.CodeBuildWire.batches;
import static dev.crossbatch.core.aws.CodeBuildWire.body;
import static dev.crossbatch.core.aws.CodeBuildWire.build;
import static dev.crossbatch.core.aws.CodeBuildWire.builds;
import static dev.crossbatch.core.aws.CodeBuildWire.error;
import static dev.crossbatch.core.aws.CodeBuildWire.logPage;
import static dev.crossbatch.core.aws.CodeBuildWire.ok;
import static dev.crossbatch.core.aws.CodeBuildWire.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.cli.Cli.Run;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.core.aws.CodeBuildWire.Group;
import dev.crossbatch.core.aws.CodeBuildWire;
import dev.crossbatch.core.aws.FakeCredentials;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every batch command on the CodeBuild backend, from a copy of examples/hello-go, against
 * CodeBuild's JSON protocol on loopback (--endpoint-url) through the real SDK.
 */
@ExtendWith(FakeCredentials.class)
class CodeBuildCliTest {
  static final String PROJECT = "hello-release";
  static final String ID = PROJECT + ":6f1c2a4e-9b7d-4c1e-8a2f-3d5e7b9c1a20";
  static final String CODEBUILD = "\ncodebuild:\n  project: hello-release\n  region: us-east-1\n";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path repo;
  String sha;
  CodeBuildWire wire;
  String endpoint;
  final VirtualTime time = new VirtualTime(Instant.parse("2026-11-21T12:00:00Z"));

  @BeforeEach
  void example() throws Exception {
    repo = Files.createDirectories(dir.resolve("hello"));
    sha = Example.committedCopy(repo, CODEBUILD);
    Processes.ok(repo, "git", "tag", "v0.3.0");
    wire = new CodeBuildWire();
    endpoint = wire.endpoint().toString();
  }

  @AfterEach
  void stop() {
    wire.close();
  }

  /** The CLI in-process at the example, with --endpoint-url, a clock that moves with every wait, and no real waiting. */
  private Run cli(String... args) {
    return cli(Interrupts.manual(), args);
  }

  private Run cli(Interrupts interrupts, String... args) {
    return cli(interrupts, System.getenv(), args);
  }

  private Run cli(Interrupts interrupts, java.util.Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--endpoint-url")) {
      all.addAll(List.of("--endpoint-url", endpoint));
    }
    CliContext context = new CliContext(repo, new PrintWriter(out), new PrintWriter(err), false, false, environment, time.clock(),
        time.sleeper(), interrupts);
    int exit = Main.run(context, all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  static List<Group> six(String status) {
    return List.of("linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64", "windows_amd64", "windows_arm64").stream()
        .map(id -> Group.of(id, status)).toList();
  }

  private void started() {
    wire.answer("StartBuildBatch", ok(wrapped(batch(ID, "IN_PROGRESS", "SUBMITTED", false, six("PENDING")))));
  }

  @Test
  void start_sendsHeadTheRenderedBuildspecAndTheVersion_thenPrintsTheIdAndConsoleLink() throws Exception {
    started();

    Run run = cli("start");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode sent = body(wire.requests("StartBuildBatch").get(0));
    assertThat(sent.get("projectName").asText()).isEqualTo(PROJECT);
    assertThat(sent.get("sourceVersion").asText()).isEqualTo(sha);
    assertThat(sent.get("buildspecOverride").asText()).isEqualTo(Files.readString(repo.resolve("buildspecs/buildspec.yml")));
    String commitTime = Processes.ok(repo, "git", "show", "-s", "--format=%ct", sha).trim();
    assertThat(sent.get("environmentVariablesOverride").toString()).isEqualTo("[{\"name\":\"VERSION\",\"value\":\"v0.3.0\",\"type\":\"PLAINTEXT\"},"
        + "{\"name\":\"SOURCE_DATE_EPOCH\",\"value\":\"" + commitTime + "\",\"type\":\"PLAINTEXT\"}]");
    assertThat(sent.get("idempotencyToken").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(wire.requests("StartBuildBatch").get(0).getHeader("Authorization")).contains("/us-east-1/codebuild/aws4_request");
    assertThat(run.out()).isEqualTo("started " + ID + "\n"
        + "  on CodeBuild project hello-release, commit " + sha.substring(0, 7) + ", version v0.3.0, 6 builds\n"
        + "  https://console.aws.amazon.com/codesuite/codebuild/projects/hello-release/batch/hello-release%3A6f1c2a4e-9b7d-4c1e-8a2f-3d5e7b9c1a20?region=us-east-1\n"
        + "follow it with: crossbatch watch   (status, logs, stop, retry)\n");
    assertThat(run.err()).isEqualTo("crossbatch: warning: commit " + sha.substring(0, 7) + " is on no remote branch this clone knows of;"
        + " CodeBuild fetches it from the repository, so push it first (git push)\n");
    assertThat(repo.resolve(".crossbatch/codebuild/hello-release/last-batch")).hasContent(ID);
  }

  @Test
  void start_ofOnePlatformAtATag_sendsABatchOfThatPlatform_andTheVariablesGiven() throws Exception {
    started();
    Path bare = dir.resolve("origin.git");
    Processes.ok(dir, "git", "init", "-q", "--bare", bare.toString());
    Processes.ok(repo, "git", "remote", "add", "origin", bare.toString());
    Processes.ok(repo, "git", "push", "-q", "origin", "main");

    Run run = cli("start", "--platform", "linux/arm64", "--source-version", "v0.3.0", "--env", "GOFLAGS=-mod=mod", "--build-timeout", "20");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode sent = body(wire.requests("StartBuildBatch").get(0));
    assertThat(sent.get("sourceVersion").asText()).isEqualTo("v0.3.0");
    String buildspec = sent.get("buildspecOverride").asText();
    assertThat(buildspec).contains("identifier: linux_arm64").doesNotContain("identifier: linux_amd64", "identifier: darwin");
    assertThat(sent.get("environmentVariablesOverride").toString())
        .isEqualTo("[{\"name\":\"VERSION\",\"value\":\"v0.3.0\",\"type\":\"PLAINTEXT\"},{\"name\":\"SOURCE_DATE_EPOCH\",\"value\":\""
            + Processes.ok(repo, "git", "show", "-s", "--format=%ct", sha).trim() + "\",\"type\":\"PLAINTEXT\"},"
            + "{\"name\":\"GOFLAGS\",\"value\":\"-mod=mod\",\"type\":\"PLAINTEXT\"}]");
    assertThat(sent.get("buildTimeoutInMinutesOverride").asInt()).isEqualTo(20);
    assertThat(run.out()).contains("commit " + sha.substring(0, 7) + " (v0.3.0), version v0.3.0");
  }

  @Test
  void start_withTheProjectsBuildspec_sendsNoOverride_andPlatformNeedsTheRenderedOne() throws Exception {
    started();

    Run run = cli("start", "--project-buildspec", "--output", "json");
    Run both = cli("start", "--project-buildspec", "--platform", "linux/arm64");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(body(wire.requests("StartBuildBatch").get(0)).has("buildspecOverride")).isFalse();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("batch").asText()).isEqualTo(ID);
    assertThat(json.get("commit").asText()).isEqualTo(sha);
    assertThat(json.get("console").asText()).startsWith("https://console.aws.amazon.com/codesuite/codebuild/projects/hello-release/batch/");
    JsonGolden.assertMatches("start-codebuild", run.out(), dir, sha.substring(0, 7));
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).startsWith("crossbatch: --platform needs the buildspec crossbatch renders; --project-buildspec runs the project's own\n");
    assertThat(wire.requests("StartBuildBatch")).hasSize(1);
  }

  @Test
  void start_withUncommittedChanges_isRefusedBeforeAnyRequest() throws Exception {
    Files.writeString(repo.resolve("main.go"), Files.readString(repo.resolve("main.go")) + "\n// edited\n");

    Run run = cli("start");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("crossbatch: the working tree has uncommitted changes: main.go; CodeBuild builds commit "
        + sha.substring(0, 7) + " as pushed, without them\n"
        + "  commit and push them, or pass --allow-dirty to build " + sha.substring(0, 7) + " anyway\n");
    assertThat(wire.operations()).isEmpty();
  }

  @Test
  void startWait_followsTheBatch_oneBatchGetBuildBatchesPerLook_thenOneBatchGetBuilds() throws Exception {
    started();
    List<Map<String, Object>> done = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      Map<String, Object> b = new java.util.LinkedHashMap<>(build(PROJECT, i, "SUCCEEDED"));
      b.put("artifacts", Map.of("location", "arn:aws:s3:::releases/hello/hello_" + i + ".zip", "sha256sum", String.format("%064x", i)));
      done.add(b);
    }
    wire.sequence("BatchGetBuildBatches", List.of(
        ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, six("PENDING")))),
        ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, six("IN_PROGRESS")))),
        ok(batches(batch(ID, "SUCCEEDED", "SUCCEEDED", true, six("SUCCEEDED"))))));
    wire.answer("BatchGetBuilds", ok(builds(done)));

    Run run = cli("start", "--wait", "--output", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(wire.operations()).containsExactly("StartBuildBatch", "BatchGetBuildBatches", "BatchGetBuildBatches", "BatchGetBuildBatches",
        "BatchGetBuilds");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(4500));
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(json.get("backend").asText()).isEqualTo("codebuild");
    JsonNode first = json.get("builds").get(0);
    assertThat(first.get("identifier").asText()).isEqualTo("linux_amd64");
    assertThat(first.get("platform").asText()).isEqualTo("linux/amd64");
    assertThat(first.get("buildId").asText()).isEqualTo(PROJECT + ":00000001-0000-4000-8000-000000000000");
    assertThat(first.get("phase").asText()).isEqualTo("COMPLETED");
    assertThat(first.get("artifact").get("location").asText()).isEqualTo("arn:aws:s3:::releases/hello/hello_1.zip");
    assertThat(first.get("artifact").get("sha256").asText()).isEqualTo(String.format("%064x", 1));
    assertThat(json.get("downloadSource").get("identifier").asText()).isEqualTo("DOWNLOAD_SOURCE");
  }

  @Test
  void watch_ofAFailedBatch_exits1_namingTheFailure_thenRetryWaitSucceeds() throws Exception {
    started();
    assertThat(cli("start").exit()).isZero();
    List<Group> failed = List.of(Group.of("linux_amd64", "SUCCEEDED"), Group.of("linux_arm64", "FAILED"));
    List<Group> retried = List.of(Group.of("linux_amd64", "SUCCEEDED"), new Group("linux_arm64", "IN_PROGRESS", 1, null));
    List<Group> fixed = List.of(Group.of("linux_amd64", "SUCCEEDED"), new Group("linux_arm64", "SUCCEEDED", 1, null));
    String failedBatch = batches(batch(ID, "FAILED", "FAILED", true, failed));
    wire.sequence("BatchGetBuildBatches", List.of(ok(failedBatch), ok(failedBatch), ok(failedBatch),
        ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, retried))), ok(batches(batch(ID, "SUCCEEDED", "SUCCEEDED", true, fixed)))));
    wire.answer("BatchGetBuilds", ok(builds(List.of(build(PROJECT, 1, "SUCCEEDED"), build(PROJECT, 2, "FAILED")))));
    wire.answer("RetryBuildBatch", ok(wrapped(batch(ID, "IN_PROGRESS", "SUBMITTED", false, retried))));

    Run watch = cli("watch");
    Run status = cli("status");
    Run retry = cli("retry", "--wait", "-q");

    assertThat(watch.exit()).isEqualTo(1);
    assertThat(watch.out()).contains("batch " + ID + "  FAILED", "linux/arm64  FAILED");
    assertThat(watch.err()).isEqualTo("linux/arm64: BUILD: COMMAND_EXECUTION_ERROR: Error while executing command: go build."
        + " Reason: exit status 1 (log: crossbatch logs " + ID + " --platform linux/arm64)\n");
    assertThat(status.exit()).isEqualTo(1);
    assertThat(status.out()).startsWith("batch " + ID + "  FAILED  commit 9fceb02\n");
    assertThat(retry.exit()).as(retry.err()).isZero();
    JsonNode sent = body(wire.requests("RetryBuildBatch").get(0));
    assertThat(sent.get("id").asText()).isEqualTo(ID);
    assertThat(sent.get("retryType").asText()).isEqualTo("RETRY_FAILED_BUILDS");
    assertThat(sent.get("idempotencyToken").asText()).hasSize(36);
  }

  @Test
  void debug_writesEachRequestAndAnswerToStderr_neverCredentialsOrSignatures() throws Exception {
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, six("IN_PROGRESS")))));

    Run run = cli("status", ID, "--output", "json", "--debug");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(JSON.readTree(run.out()).get("builds")).hasSize(6);
    assertThat(run.err()).containsPattern("crossbatch: debug: > CodeBuild\\.BatchGetBuildBatches POST http://(localhost|127\\.0\\.0\\.1):\\d+/\n")
        .containsPattern("crossbatch: debug: < CodeBuild\\.BatchGetBuildBatches 200 in \\d+ ms \\(request id " + CodeBuildWire.REQUEST_ID + "\\)\n");
    assertThat(run.err()).doesNotContain("AKIDEXAMPLE", "wJalrXUtnFEMI", "Signature", "Authorization", "X-Amz-Date");
    assertThat(cli("status", ID).err()).doesNotContain("debug");
  }

  @Test
  void status_ofARunningBatch_isOneCall_andOfAnEndedOne_addsBatchGetBuilds() throws Exception {
    wire.sequence("BatchGetBuildBatches", List.of(
        ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, six("IN_PROGRESS")))),
        ok(batches(batch(ID, "SUCCEEDED", "SUCCEEDED", true, six("SUCCEEDED"))))));
    wire.answer("BatchGetBuilds", ok(builds(List.of(build(PROJECT, 1, "SUCCEEDED")))));

    Run running = cli("status", ID, "--output", "json");
    List<String> afterFirst = wire.operations();
    Run ended = cli("status", ID);

    assertThat(running.exit()).isZero();
    assertThat(afterFirst).containsExactly("BatchGetBuildBatches");
    assertThat(JSON.readTree(running.out()).get("builds")).hasSize(6);
    assertThat(ended.exit()).isZero();
    assertThat(wire.operations()).containsExactly("BatchGetBuildBatches", "BatchGetBuildBatches", "BatchGetBuilds");
    assertThat(ended.out()).contains("PLATFORM       STATUS     TIME   FILE  SIZE  SHA256\n", "\nlinux/amd64    SUCCEEDED  1m06s\n",
        "\nlinux/arm64    SUCCEEDED\n");
  }

  @Test
  void awsDefaultRegion_isHonouredAsTheAwsCliHonoursIt_beforeCrossbatchYmlsRegion() {
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, six("IN_PROGRESS")))));
    java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.remove("AWS_REGION");
    env.put("AWS_DEFAULT_REGION", "eu-west-3");

    Run run = cli(Interrupts.manual(), env, "status", ID, "--output", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(wire.server().getAllServeEvents()).singleElement()
        .satisfies(e -> assertThat(e.getRequest().getHeader("Authorization")).contains("/eu-west-3/codebuild/aws4_request"));
  }

  @Test
  void watch_withTimeout_exits1_sayingTheBatchKeepsRunning() {
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, six("IN_PROGRESS")))));

    Run run = cli("watch", ID, "--timeout", "1", "-q");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("crossbatch: batch " + ID + " is still IN_PROGRESS after 60 seconds (--timeout)\n"
        + "  it keeps running; watch it again with 'crossbatch watch " + ID + "'\n");
  }

  /** An endpoint that stalls for 10 minutes: Ctrl-C (or SIGTERM) ends the watch at once, not when the answer or the timeout comes. */
  @Test
  void ctrlC_duringAStalledRequest_exits130_atOnce_withoutAnAwsError() throws Exception {
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, six("IN_PROGRESS")))).withFixedDelay(600_000));
    Interrupts interrupts = Interrupts.manual();

    java.util.concurrent.CompletableFuture<Run> watch = java.util.concurrent.CompletableFuture.supplyAsync(() -> cli(interrupts, "watch", ID));
    dev.crossbatch.core.testing.Await.until("the request to be under way", () -> !wire.requests("BatchGetBuildBatches").isEmpty());
    interrupts.interrupt();
    Run run = watch.get(60, java.util.concurrent.TimeUnit.SECONDS); // far less than the stall: the request was cut

    assertThat(run.exit()).isEqualTo(130);
    assertThat(run.err()).isIn("crossbatch: interrupted\n", "crossbatch: stopped watching batch " + ID + "; it keeps running\n");
  }

  @Test
  void stop_sendsStopBuildBatch_andWaitsUntilTheBatchHasStopped() {
    wire.answer("StopBuildBatch", ok(wrapped(batch(ID, "STOPPED", "IN_PROGRESS", false, six("IN_PROGRESS")))));
    wire.sequence("BatchGetBuildBatches", List.of(
        ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, six("IN_PROGRESS")))),
        ok(batches(batch(ID, "STOPPED", "STOPPED", true, six("STOPPED"))))));

    Run run = cli("stop", ID);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("batch " + ID + " STOPPED\n");
    assertThat(body(wire.requests("StopBuildBatch").get(0)).get("id").asText()).isEqualTo(ID);
    assertThat(wire.operations()).containsExactly("StopBuildBatch", "BatchGetBuildBatches", "BatchGetBuildBatches");
  }

  @Test
  void stop_answeredWithAStoppedCompleteBatch_saysStopped_notAlreadyEnded() {
    wire.answer("StopBuildBatch", ok(wrapped(batch(ID, "STOPPED", "STOPPED", true, six("STOPPED")))));

    Run run = cli("stop", ID);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("batch " + ID + " STOPPED\n");
    assertThat(wire.operations()).containsExactly("StopBuildBatch");
  }

  @Test
  void logs_printTheBuildsCloudWatchStream() {
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "FAILED", "FAILED", true,
        List.of(Group.of("linux_amd64", "SUCCEEDED"), Group.of("linux_arm64", "FAILED"))))));
    wire.answer("BatchGetBuilds", ok(builds(List.of(build(PROJECT, 1, "SUCCEEDED"), build(PROJECT, 2, "FAILED")))));
    wire.server().stubFor(CodeBuildWire.operation("Logs_20140328.GetLogEvents").withRequestBody(matchingJsonPath("$.nextToken", absent()))
        .willReturn(ok(logPage("f/1", "[Container] 2026/11/21 12:00:41 Running command go build", "main.go:3: undefined: x"))));
    wire.server().stubFor(CodeBuildWire.operation("Logs_20140328.GetLogEvents").withRequestBody(matchingJsonPath("$.nextToken", equalTo("f/1")))
        .willReturn(ok(logPage("f/1"))));

    Run run = cli("logs", ID);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("[Container] 2026/11/21 12:00:41 Running command go build\nmain.go:3: undefined: x\n");
    assertThat(body(wire.requests("Logs_20140328.GetLogEvents").get(0)).get("logStreamName").asText())
        .isEqualTo("00000002-0000-4000-8000-000000000000");
  }

  @Test
  void batches_listsTheProjectsRecentBatches() {
    String older = PROJECT + ":11111111-0000-4000-8000-000000000000";
    wire.answer("ListBuildBatchesForProject", ok(CodeBuildWire.listed(ID, older)));
    wire.answer("BatchGetBuildBatches", ok(batches(batch(older, "FAILED", "FAILED", true, six("FAILED")),
        batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, six("IN_PROGRESS")))));

    Run run = cli("batches");

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("BATCH +STATUS +COMMIT +VERSION +STARTED +DURATION");
    assertThat(lines.get(1)).matches(ID + "  IN_PROGRESS  9fceb02  +2024-11-21 12:00 UTC  \\d+h\\d\\dm");
    assertThat(lines.get(2)).matches(older + "  FAILED +9fceb02  +2024-11-21 12:00 UTC  6m52s");
    assertThat(body(wire.requests("ListBuildBatchesForProject").get(0)).get("sortOrder").asText()).isEqualTo("DESCENDING");
  }

  @Test
  void aProjectNotDeployed_saysHowToDeployIt_exit3() {
    wire.answer("StartBuildBatch", error(400, "ResourceNotFoundException", "Project cannot be found: arn:aws:codebuild:us-east-1:111122223333:project/hello-release"));

    Run run = cli("start");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).endsWith("crossbatch: CodeBuild project 'hello-release' was not found (Project cannot be found: "
        + "arn:aws:codebuild:us-east-1:111122223333:project/hello-release)\n"
        + "  deploy it first: aws cloudformation deploy --template-file templates/codebuild-project.yml --stack-name hello-release"
        + " --capabilities CAPABILITY_IAM (or fix codebuild.project and --region)\n");
  }

  @Test
  void badCredentials_andAnUnreachableEndpoint_areOneLineEach_exit3() {
    wire.answer("BatchGetBuildBatches", error(400, "UnrecognizedClientException", "The security token included in the request is invalid."));

    Run rejected = cli("status", ID);
    wire.close();
    Run unreachable = cli("status", ID);

    assertThat(rejected.exit()).isEqualTo(3);
    assertThat(rejected.err()).isEqualTo("crossbatch: AWS rejected the credentials (UnrecognizedClientException:"
        + " The security token included in the request is invalid.)\n"
        + "  check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or --profile, and that they belong to this account and region\n");
    assertThat(unreachable.exit()).isEqualTo(3);
    assertThat(unreachable.err()).startsWith("crossbatch: cannot reach " + endpoint + " (");
    assertThat(unreachable.err().lines()).hasSize(2);
  }

  @Test
  void badAwsOptions_areUsageErrors_beforeAnyRequest() {
    Run region = cli("status", ID, "--region", "mars");
    Run endpoint = cli("status", ID, "--endpoint-url", "ftp://x");

    assertThat(region.exit()).isEqualTo(2);
    assertThat(region.err()).isEqualTo("crossbatch: --region mars: not an AWS region name\n  e.g. --region eu-west-1\n");
    assertThat(endpoint.exit()).isEqualTo(2);
    assertThat(wire.operations()).isEmpty();
  }

  @Test
  void release_onCodeBuild_refusesLocalOnlyOptions_beforeAnyRequest() {
    Run parallel = cli("release", "--parallel", "2");
    Run timeout = cli("release", "--build-timeout", "3");

    assertThat(parallel.exit()).isEqualTo(2);
    assertThat(parallel.err()).startsWith("crossbatch: --parallel is for local batches; CodeBuild runs up to codebuild.max-builds at once\n");
    assertThat(timeout.exit()).isEqualTo(2);
    assertThat(timeout.err()).startsWith("crossbatch: --build-timeout 3: CodeBuild takes 5 to 2160 minutes\n");
    assertThat(wire.operations()).isEmpty();
  }
}
