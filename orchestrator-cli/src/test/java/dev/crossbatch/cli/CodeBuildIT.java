package dev.crossbatch.cli;

import static dev.crossbatch.core.aws.CodeBuildWire.batch;
import static dev.crossbatch.core.aws.CodeBuildWire.batches;
import static dev.crossbatch.core.aws.CodeBuildWire.body;
import static dev.crossbatch.core.aws.CodeBuildWire.build;
import static dev.crossbatch.core.aws.CodeBuildWire.builds;
import static dev.crossbatch.core.aws.CodeBuildWire.logPage;
import static dev.crossbatch.core.aws.CodeBuildWire.ok;
import static dev.crossbatch.core.aws.CodeBuildWire.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.core.aws.CodeBuildWire.Group;
import dev.crossbatch.core.aws.CodeBuildWire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed launcher against a CodeBuild-compatible endpoint, as a user would run it: a copy
 * of examples/hello-go, any AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the endpoint from
 * AWS_ENDPOINT_URL_CODEBUILD/AWS_ENDPOINT_URL_CLOUDWATCH_LOGS or --endpoint-url.
 */
class CodeBuildIT {
  static final Path LAUNCHER = Path.of("..").toAbsolutePath().normalize().resolve("crossbatch");
  static final String PROJECT = "hello-release";
  static final String ID = PROJECT + ":6f1c2a4e-9b7d-4c1e-8a2f-3d5e7b9c1a20";

  @TempDir Path dir;
  Path repo;
  CodeBuildWire wire;

  @BeforeEach
  void example() throws Exception {
    repo = Files.createDirectories(dir.resolve("hello"));
    Example.committedCopy(repo, "\ncodebuild:\n  project: hello-release\n  region: eu-west-1\n");
    wire = new CodeBuildWire();
  }

  @AfterEach
  void stop() {
    wire.close();
  }

  private Processes.Result crossbatch(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "anything", "AWS_SECRET_ACCESS_KEY", "anything-at-all"));
    env.putAll(extraEnv);
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    return Processes.run(repo, env, command);
  }

  private Map<String, String> endpoints() {
    String url = wire.endpoint().toString();
    return Map.of("AWS_ENDPOINT_URL_CODEBUILD", url, "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", url);
  }

  static List<Group> two(String status) {
    return List.of(Group.of("linux_amd64", status), Group.of("darwin_arm64", status));
  }

  @Test
  void everyBatchCommand_worksAgainstTheEndpointFromTheEnvironment() throws Exception {
    wire.answer("StartBuildBatch", ok(wrapped(batch(ID, "IN_PROGRESS", "SUBMITTED", false, two("PENDING")))));
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "SUCCEEDED", "SUCCEEDED", true, two("SUCCEEDED")))));
    wire.answer("BatchGetBuilds", ok(builds(List.of(build(PROJECT, 1, "SUCCEEDED"), build(PROJECT, 2, "SUCCEEDED")))));
    wire.answer("Logs_20140328.GetLogEvents", ok(logPage("f/1")));
    wire.answer("ListBuildBatchesForProject", ok("{\"ids\":[\"" + ID + "\"]}"));
    wire.answer("StopBuildBatch", ok(wrapped(batch(ID, "SUCCEEDED", "SUCCEEDED", true, two("SUCCEEDED")))));

    Processes.Result start = crossbatch(endpoints(), "start");
    Processes.Result watch = crossbatch(endpoints(), "watch");
    Processes.Result status = crossbatch(endpoints(), "status", "--output", "json");
    Processes.Result logs = crossbatch(endpoints(), "logs", "--platform", "darwin/arm64");
    Processes.Result list = crossbatch(endpoints(), "batches");
    Processes.Result retry = crossbatch(endpoints(), "retry");
    Processes.Result stop = crossbatch(endpoints(), "stop");

    assertThat(start.exit()).as(start.output()).isZero();
    assertThat(start.output()).contains("started " + ID, "?region=eu-west-1").doesNotContain("SLF4J", "Exception");
    assertThat(wire.requests("StartBuildBatch").get(0).getHeader("Authorization")).contains("Credential=anything/", "/eu-west-1/codebuild/");
    assertThat(watch.exit()).as(watch.output()).isZero();
    assertThat(watch.output()).contains("batch SUCCEEDED");
    assertThat(status.exit()).as(status.output()).isZero();
    JsonNode json = new ObjectMapper().readTree(status.output());
    assertThat(json.get("batch").asText()).isEqualTo(ID);
    assertThat(json.get("builds").get(1).get("log").asText()).isEqualTo("/aws/codebuild/hello-release 00000002-0000-4000-8000-000000000000");
    assertThat(logs.exit()).as(logs.output()).isZero();
    assertThat(body(wire.requests("Logs_20140328.GetLogEvents").get(0)).get("logStreamName").asText())
        .isEqualTo("00000002-0000-4000-8000-000000000000");
    assertThat(list.output()).contains(ID + "  SUCCEEDED");
    assertThat(retry.exit()).isEqualTo(2);
    assertThat(retry.output()).isEqualTo("crossbatch: batch " + ID + " is SUCCEEDED: retry needs an ended batch with failed builds\n  nothing to retry\n");
    assertThat(stop.exit()).isZero();
    assertThat(stop.output()).isEqualTo("batch " + ID + " had already ended: SUCCEEDED\n");
  }

  @Test
  void endpointUrlFlag_reachesTheServer_andAnUnreachableOneIsExit3() {
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, two("IN_PROGRESS")))));

    Processes.Result status = crossbatch(Map.of(), "status", ID, "--endpoint-url", wire.endpoint().toString(), "--region", "us-west-2");
    Processes.Result down = crossbatch(Map.of(), "status", ID, "--endpoint-url", "http://127.0.0.1:1");

    assertThat(status.exit()).as(status.output()).isZero();
    assertThat(wire.requests("BatchGetBuildBatches").get(0).getHeader("Authorization")).contains("/us-west-2/codebuild/");
    assertThat(down.exit()).isEqualTo(3);
    assertThat(down.output()).startsWith("crossbatch: cannot reach http://127.0.0.1:1 (");
  }

  @Test
  void commandsThatNeedNoAws_neverLoadTheSdk() throws Exception {
    Path classes = dir.resolve("classes.log");

    Processes.Result validate = crossbatch(Map.of("CROSSBATCH_OPTS", "-Xlog:class+load=info:file=" + classes), "validate");

    assertThat(validate.exit()).as(validate.output()).isZero();
    assertThat(Files.readString(classes)).contains("dev.crossbatch.cli.Main").doesNotContain("software.amazon.awssdk");
  }

  /** SIGTERM while watch waits on an endpoint that stalls for 10 minutes: the launcher ends at once (exit 130), not at the SDK's timeout. */
  @Test
  void sigterm_duringAStalledWatch_endsItAtOnce() throws Exception {
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, "IN_PROGRESS", "IN_PROGRESS", false, two("IN_PROGRESS")))).withFixedDelay(600_000));
    ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "watch", ID).directory(repo.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("watch.txt").toFile());
    builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "anything", "AWS_SECRET_ACCESS_KEY", "anything-at-all"));
    builder.environment().putAll(endpoints());
    Process watch = builder.start();
    dev.crossbatch.core.testing.Await.until("the launcher's request to be under way", () -> !wire.requests("BatchGetBuildBatches").isEmpty());

    long signalled = System.nanoTime();
    new ProcessBuilder("kill", "-TERM", Long.toString(watch.pid())).start().waitFor();
    boolean ended = watch.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    long tookMillis = (System.nanoTime() - signalled) / 1_000_000;

    assertThat(ended).as(Files.readString(dir.resolve("watch.txt"))).isTrue();
    assertThat(watch.exitValue()).isEqualTo(130);
    assertThat(Files.readString(dir.resolve("watch.txt"))).endsWith("crossbatch: interrupted\n");
    System.out.println("SIGTERM to a watch stalled in a request: ended in " + tookMillis + " ms");
  }
}
