package dev.crossbatch.core.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CodeBuild's JSON protocol on loopback: POST / with {@code X-Amz-Target: CodeBuild_20161006.<Op>}
 * and {@code application/x-amz-json-1.1}, answered with the shapes of
 * docs/facts.md (epoch-second timestamps, the DOWNLOAD_SOURCE group, PENDING).
 */
public final class CodeBuildWire implements AutoCloseable {
  public static final String TARGET = "X-Amz-Target";
  public static final String JSON = "application/x-amz-json-1.1";
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

  public CodeBuildWire() {
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public WireMockServer server() {
    return server;
  }

  /** CodeBuild's operations by name ("StartBuildBatch"); another service's by full target ("Logs_20140328.GetLogEvents"). */
  public static String target(String operation) {
    return operation.contains(".") ? operation : "CodeBuild_20161006." + operation;
  }

  public static MappingBuilder operation(String name) {
    return post(urlEqualTo("/")).withHeader(TARGET, equalTo(target(name)));
  }

  /** Every answer carries a request id, as CodeBuild's do (docs/facts.md). */
  public static final String REQUEST_ID = "b2c5e3a1-0000-4000-8000-000000000001";

  public static ResponseDefinitionBuilder ok(String json) {
    return aResponse().withStatus(200).withHeader("Content-Type", JSON).withHeader("x-amzn-RequestId", REQUEST_ID).withBody(json);
  }

  /** An error the way CodeBuild sends it: HTTP 400 (or the status given) with {@code {"__type", "message"}}. */
  public static ResponseDefinitionBuilder error(int status, String type, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", JSON).withHeader("x-amzn-RequestId", REQUEST_ID)
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  public static ResponseDefinitionBuilder reset() {
    return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
  }

  public void answer(String operation, ResponseDefinitionBuilder response) {
    server.stubFor(operation(operation).willReturn(response));
  }

  /** Answers an operation with each response in turn, the last one from then on. */
  public void sequence(String operation, List<ResponseDefinitionBuilder> responses) {
    String scenario = operation + "-sequence";
    for (int i = 0; i < responses.size(); i++) {
      ScenarioMappingBuilder step = operation(operation).inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step" + i)
          .willReturn(responses.get(i));
      if (i < responses.size() - 1) {
        step.willSetStateTo("step" + (i + 1));
      }
      server.stubFor(step);
    }
  }

  public List<LoggedRequest> requests(String operation) {
    return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader(TARGET, equalTo(target(operation))));
  }

  /** Every request made, by operation name, in order. */
  public List<String> operations() {
    List<String> names = new ArrayList<>();
    for (LoggedRequest r : server.findAll(postRequestedFor(urlEqualTo("/")))) {
      String target = r.getHeader(TARGET);
      names.add(target == null ? "?" : target.substring(target.indexOf('.') + 1));
    }
    return names;
  }

  public static JsonNode body(LoggedRequest request) {
    try {
      return MAPPER.readTree(request.getBodyAsString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  // ---- response bodies -------------------------------------------------------------------

  /** A build group: identifier, status as sent (PENDING included), attempts before this one. */
  public record Group(String identifier, String status, int priorAttempts, String artifactLocation) {
    public static Group of(String identifier, String status) {
      return new Group(identifier, status, 0, null);
    }
  }

  public static final String ACCOUNT = "111122223333";

  public static String buildArn(String project, String uuid) {
    return "arn:aws:codebuild:us-east-1:" + ACCOUNT + ":build/" + project + ":" + uuid;
  }

  /** A BuildBatch object with its groups, as BatchGetBuildBatches/StartBuildBatch/... return it. */
  public static Map<String, Object> batch(String id, String status, String phase, boolean complete, List<Group> groups) {
    String project = id.substring(0, id.indexOf(':'));
    List<Object> buildGroups = new ArrayList<>();
    buildGroups.add(Map.of("identifier", "DOWNLOAD_SOURCE", "ignoreFailure", false,
        "currentBuildSummary", Map.of("arn", buildArn(project, "00000000-0000-4000-8000-000000000000"), "requestedOn", 1732190400.623,
            "buildStatus", "SUCCEEDED", "primaryArtifact", Map.of("type", "no_artifacts", "identifier", "DOWNLOAD_SOURCE"), "secondaryArtifacts", List.of())));
    int n = 1;
    for (Group g : groups) {
      Map<String, Object> summary = new java.util.LinkedHashMap<>();
      summary.put("arn", buildArn(project, String.format("%08d-0000-4000-8000-000000000000", n)));
      summary.put("requestedOn", 1732190434.223);
      summary.put("buildStatus", g.status());
      if (g.artifactLocation() != null) {
        summary.put("primaryArtifact", Map.of("type", "S3", "location", g.artifactLocation(), "identifier", g.identifier()));
      }
      Map<String, Object> group = new java.util.LinkedHashMap<>();
      group.put("identifier", g.identifier());
      group.put("dependsOn", List.of());
      group.put("ignoreFailure", false);
      group.put("currentBuildSummary", summary);
      List<Object> prior = new ArrayList<>();
      for (int i = 0; i < g.priorAttempts(); i++) {
        prior.add(Map.of("arn", buildArn(project, String.format("%08d-1111-4000-8000-000000000000", n)), "requestedOn", 1732190300.0, "buildStatus", "FAILED"));
      }
      group.put("priorBuildSummaryList", prior);
      buildGroups.add(group);
      n++;
    }
    Map<String, Object> batch = new java.util.LinkedHashMap<>();
    batch.put("id", id);
    batch.put("arn", "arn:aws:codebuild:us-east-1:" + ACCOUNT + ":build-batch/" + id);
    batch.put("startTime", 1732190400.123);
    if (complete) {
      batch.put("endTime", 1732190812.784);
    }
    batch.put("currentPhase", phase);
    batch.put("buildBatchStatus", status);
    batch.put("sourceVersion", "9fceb02d0ae598e95dc970b74767f19372d61af8");
    batch.put("resolvedSourceVersion", "9fceb02d0ae598e95dc970b74767f19372d61af8");
    batch.put("projectName", project);
    batch.put("phases", List.of(Map.of("phaseType", "SUBMITTED", "phaseStatus", "SUCCEEDED", "startTime", 1732190400.123, "endTime", 1732190400.5, "durationInSeconds", 0),
        Map.of("phaseType", complete ? phase : "IN_PROGRESS", "startTime", 1732190400.5)));
    batch.put("complete", complete);
    batch.put("buildGroups", buildGroups);
    return batch;
  }

  /** The n-th build of {@link #batch} as BatchGetBuilds returns it, with its CloudWatch Logs stream. */
  public static Map<String, Object> build(String project, int n, String status) {
    String uuid = String.format("%08d-0000-4000-8000-000000000000", n);
    Map<String, Object> build = new java.util.LinkedHashMap<>();
    build.put("id", project + ":" + uuid);
    build.put("arn", buildArn(project, uuid));
    build.put("buildStatus", status);
    build.put("currentPhase", status.equals("IN_PROGRESS") ? "BUILD" : "COMPLETED");
    build.put("startTime", 1732190434.2);
    if (!status.equals("IN_PROGRESS")) {
      build.put("endTime", 1732190500.5);
    }
    boolean failed = status.equals("FAILED");
    build.put("phases", List.of(Map.of("phaseType", "BUILD", "phaseStatus", status.equals("IN_PROGRESS") ? "SUCCEEDED" : status,
        "startTime", 1732190440.0, "contexts", List.of(failed
            ? Map.of("statusCode", "COMMAND_EXECUTION_ERROR", "message", "Error while executing command: go build. Reason: exit status 1")
            : Map.of("statusCode", "", "message", "")))));
    build.put("logs", Map.of("groupName", "/aws/codebuild/" + project, "streamName", uuid,
        "deepLink", "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups"));
    return build;
  }

  public static String builds(List<Map<String, Object>> builds) {
    return json(Map.of("builds", builds, "buildsNotFound", List.of()));
  }

  /** A GetLogEvents page: the messages (each ending in a newline, as CodeBuild writes them) and the forward token. */
  public static String logPage(String nextForwardToken, String... messages) {
    List<Object> events = new ArrayList<>();
    long t = 1732190440000L;
    for (String m : messages) {
      events.add(Map.of("timestamp", t, "message", m + "\n", "ingestionTime", t + 500));
      t += 10;
    }
    return json(Map.of("events", events, "nextForwardToken", nextForwardToken, "nextBackwardToken", "b/0"));
  }

  public static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A BatchGetBuildBatches answer holding these batches. */
  @SafeVarargs
  public static String batches(Map<String, Object>... batches) {
    return json(Map.of("buildBatches", List.of(batches), "buildBatchesNotFound", List.of()));
  }

  /** A ListBuildBatchesForProject answer. */
  public static String listed(String... ids) {
    return json(Map.of("ids", List.of(ids)));
  }

  public static String wrapped(Map<String, Object> batch) {
    return json(Map.of("buildBatch", batch));
  }

  @Override
  public void close() {
    server.stop();
  }
}
