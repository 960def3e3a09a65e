package dev.crossbatch.core.aws;

import dev.crossbatch.core.batch.BatchMemory;
import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.LogChunk;
import dev.crossbatch.core.batch.RemoteBatches;
import dev.crossbatch.core.batch.TransientFailure;
import dev.crossbatch.core.error.CrossbatchException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.BatchGetBuildBatchesResponse;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.BuildBatch;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariableType;
import software.amazon.awssdk.services.codebuild.model.RetryBuildBatchType;
import software.amazon.awssdk.services.codebuild.model.SortOrderType;
import software.amazon.awssdk.services.codebuild.model.StartBuildBatchRequest;

/**
 * Batches on AWS CodeBuild, through its JSON API: StartBuildBatch (always with an idempotency
 * token), one BatchGetBuildBatches per look at a batch, StopBuildBatch, RetryBuildBatch, and
 * BatchGetBuilds once a batch has ended for what the batch shape does not carry.
 */
public final class CodeBuildBuildService implements RemoteBatches {
  /** BatchGetBuilds and BatchGetBuildBatches take at most 100 ids per call. */
  static final int IDS_PER_CALL = 100;

  private final AwsClients clients;
  private final String project;
  private final Supplier<String> tokens;
  private final BatchMemory memory;
  /** The details {@link #details} last took from the memory, which {@link #remember} need not write again. */
  private volatile BatchSnapshot remembered;

  /**
   * @param tokens idempotency tokens: a StartBuildBatch retried by the SDK must not start a second batch
   * @param memory where the batch started last is remembered
   */
  public CodeBuildBuildService(AwsClients clients, String project, Supplier<String> tokens, BatchMemory memory) {
    this.clients = clients;
    this.project = project;
    this.tokens = tokens;
    this.memory = memory;
  }

  public String project() {
    return project;
  }

  /** Where the batch started last is remembered. */
  public BatchMemory memory() {
    return memory;
  }

  /** The batch's page in the CodeBuild console. */
  public String consoleLink(String batchId) {
    return "https://console.aws.amazon.com/codesuite/codebuild/projects/" + project + "/batch/"
        + URLEncoder.encode(batchId, StandardCharsets.UTF_8) + "?region=" + clients.region().id();
  }

  private CodeBuildClient client() {
    return clients.codeBuild();
  }

  /** Runs one request; SDK failures become one message, those that may pass on a later poll a {@link TransientFailure}. */
  private <T> T call(String operation, String batchId, Supplier<T> request) {
    return call("CodeBuild", "codebuild", operation, batchId, request);
  }

  private <T> T call(String service, String endpoint, String operation, String batchId, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      CrossbatchException translated = AwsErrors.translate(e, new AwsErrors.Context(service, operation, project, batchId, clients.endpointFor(endpoint)));
      if (AwsErrors.transientFailure(e)) {
        throw new TransientFailure(translated.getMessage(), translated.hint().orElse(null), AwsErrors.throttling(e));
      }
      throw translated;
    }
  }

  /**
   * Starts the batch. {@code request.buildspec()} goes as buildspecOverride (null: the project's
   * own buildspec); {@code request.environment()} as PLAINTEXT environment overrides.
   */
  @Override
  public BatchSnapshot start(BatchRequest request) {
    List<EnvironmentVariable> overrides = new ArrayList<>();
    request.environment().forEach((k, v) -> overrides.add(EnvironmentVariable.builder().name(k).value(v).type(EnvironmentVariableType.PLAINTEXT).build()));
    StartBuildBatchRequest.Builder start = StartBuildBatchRequest.builder()
        .projectName(project)
        .idempotencyToken(tokens.get());
    if (request.sourceVersion() != null) {
      start.sourceVersion(request.sourceVersion());
    }
    if (request.buildspec() != null) {
      start.buildspecOverride(request.buildspec());
    }
    if (!overrides.isEmpty()) {
      start.environmentVariablesOverride(overrides);
    }
    if (request.buildTimeout() != null) {
      start.buildTimeoutInMinutesOverride((int) request.buildTimeout().toMinutes());
    }
    BatchSnapshot started = CodeBuildMapping.snapshot(call("StartBuildBatch", null, () -> client().startBuildBatch(start.build()).buildBatch()));
    memory.remember(started.id());
    return started;
  }

  /** One BatchGetBuildBatches. */
  @Override
  public BatchSnapshot describe(String batchId) {
    BatchGetBuildBatchesResponse response = call("BatchGetBuildBatches", batchId, () -> client().batchGetBuildBatches(r -> r.ids(batchId)));
    return response.buildBatches().stream().filter(b -> batchId.equals(b.id())).findFirst()
        .map(CodeBuildMapping::snapshot)
        .orElseThrow(() -> CrossbatchException.usage("CodeBuild has no batch " + batchId + " (project " + project + ", " + clients.region().id() + ")",
            "check the id and --region; 'crossbatch batches' lists the project's recent batches"));
  }

  @Override
  public BatchSnapshot stop(String batchId) {
    return CodeBuildMapping.snapshot(call("StopBuildBatch", batchId, () -> client().stopBuildBatch(r -> r.id(batchId)).buildBatch()));
  }

  /**
   * Re-runs the failed builds of an ended, failed batch (RETRY_FAILED_BUILDS); the batch keeps its
   * id. A batch still running or without failed builds is refused here, with a clearer message
   * than CodeBuild's.
   */
  @Override
  public BatchSnapshot retry(String batchId) {
    BatchSnapshot batch = describe(batchId);
    boolean failed = batch.builds().stream().anyMatch(b -> b.statusValue().isTerminal() && !b.succeeded());
    if (!batch.complete() || !failed) {
      throw CrossbatchException.usage("batch " + batchId + " is " + batch.status() + ": retry needs an ended batch with failed builds",
          batch.complete() ? "nothing to retry" : "wait for it to end: crossbatch watch " + batchId);
    }
    return CodeBuildMapping.snapshot(call("RetryBuildBatch", batchId, () -> client().retryBuildBatch(r -> r.id(batchId)
        .retryType(RetryBuildBatchType.RETRY_FAILED_BUILDS).idempotencyToken(tokens.get())).buildBatch()));
  }

  @Override
  public Optional<String> lastBatch() {
    return memory.last();
  }

  /** The project's most recent batches, newest first: one list call, one BatchGetBuildBatches. */
  @Override
  public List<BatchSnapshot> recent(int max) {
    List<String> ids = call("ListBuildBatchesForProject", null, () -> client().listBuildBatchesForProject(r -> r.projectName(project)
        .sortOrder(SortOrderType.DESCENDING).maxResults(Math.min(max, IDS_PER_CALL))).ids());
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, BuildBatch> byId = new HashMap<>();
    call("BatchGetBuildBatches", null, () -> client().batchGetBuildBatches(r -> r.ids(ids))).buildBatches().forEach(b -> byId.put(b.id(), b));
    return ids.stream().filter(byId::containsKey).map(id -> CodeBuildMapping.snapshot(byId.get(id))).toList();
  }

  /**
   * The batch with each build's phases, times, zip SHA-256 and log stream: BatchGetBuilds, 100
   * builds per call. Used once a batch has ended (the batch shape has none of these).
   */
  @Override
  public BatchSnapshot details(BatchSnapshot batch) {
    List<BuildRun> all = new ArrayList<>(batch.builds());
    // the source group matters only when it failed: 100 platform builds stay one call
    if (batch.downloadSource() != null && !batch.downloadSource().succeeded()) {
      all.add(batch.downloadSource());
    }
    if (all.stream().allMatch(b -> b.buildId() == null || !b.phases().isEmpty())) {
      return batch; // read already: the batch shape carries no phases, BatchGetBuilds does
    }
    Optional<BatchSnapshot> known = memory.ended(batch);
    if (known.isPresent()) {
      remembered = known.get();
      return remembered; // the same ended batch looked at before from here: its builds cannot have changed
    }
    List<String> ids = all.stream().map(BuildRun::buildId).filter(id -> id != null).toList();
    Map<String, Build> byId = new HashMap<>();
    for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
      call("BatchGetBuilds", batch.id(), () -> client().batchGetBuilds(r -> r.ids(chunk))).builds().forEach(b -> byId.put(b.id(), b));
    }
    UnaryOperator<BuildRun> enrich = run -> byId.containsKey(run.buildId()) ? CodeBuildMapping.enrich(run, byId.get(run.buildId())) : run;
    BatchSnapshot detailed = new BatchSnapshot(batch.id(), batch.backend(), batch.project(), batch.status(), batch.phase(), batch.sourceVersion(),
        batch.commit(), batch.version(), batch.dirty(), batch.start(), batch.end(), batch.complete(),
        batch.downloadSource() == null ? null : enrich.apply(batch.downloadSource()), batch.builds().stream().map(enrich).toList(), batch.message(), batch.arn());
    return detailed;
  }

  /** CodeBuild's SHA-256 of each zip of an ended batch, kept beside the last batch's id for artifacts download. */
  @Override
  public void remember(BatchSnapshot ended) {
    if (ended == remembered) {
      return; // read from the memory just now: nothing new to keep
    }
    memory.rememberChecksums(ended);
    memory.rememberEnded(ended);
  }

  /**
   * The build's CloudWatch Logs stream from {@code cursor} (a forward token) on: one GetLogEvents.
   * A stream not created yet reads as empty.
   */
  @Override
  public LogChunk log(BuildRun build, String cursor) {
    if (build.log() == null) {
      return new LogChunk(List.of(), cursor, true);
    }
    int space = build.log().indexOf(' ');
    String group = build.log().substring(0, space);
    String stream = build.log().substring(space + 1);
    GetLogEventsResponse page = call("CloudWatch Logs", "logs", "GetLogEvents", null, () -> {
      try {
        return clients.logs().getLogEvents(r -> r.logGroupName(group).logStreamName(stream).startFromHead(true).nextToken(cursor));
      } catch (ResourceNotFoundException e) {
        return null; // CodeBuild creates the stream when the build starts writing
      }
    });
    if (page == null) {
      return new LogChunk(List.of(), cursor, true);
    }
    List<String> lines = page.events().stream().map(OutputLogEvent::message).map(CodeBuildBuildService::withoutNewline).toList();
    String next = page.nextForwardToken();
    // the end of the stream so far is where GetLogEvents hands back the token it was given
    return new LogChunk(lines, next, next == null || next.equals(cursor));
  }

  private static String withoutNewline(String message) {
    return message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
  }
}
