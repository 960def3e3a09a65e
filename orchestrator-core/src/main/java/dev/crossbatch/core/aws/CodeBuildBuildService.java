package dev.crossbatch.core.aws;

import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.BuildService;
import dev.crossbatch.core.batch.TransientFailure;
import dev.crossbatch.core.error.CrossbatchException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
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
public final class CodeBuildBuildService implements BuildService {
  /** BatchGetBuilds and BatchGetBuildBatches take at most 100 ids per call. */
  static final int IDS_PER_CALL = 100;

  private final AwsClients clients;
  private final String project;
  private final Supplier<String> tokens;

  /** @param tokens idempotency tokens: a StartBuildBatch retried by the SDK must not start a second batch */
  public CodeBuildBuildService(AwsClients clients, String project, Supplier<String> tokens) {
    this.clients = clients;
    this.project = project;
    this.tokens = tokens;
  }

  public String project() {
    return project;
  }

  private CodeBuildClient client() {
    return clients.codeBuild();
  }

  private AwsErrors.Context where(String operation, String batchId) {
    return new AwsErrors.Context(operation, project, batchId, clients.endpointFor("codebuild"));
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
    try {
      return CodeBuildMapping.snapshot(client().startBuildBatch(start.build()).buildBatch());
    } catch (SdkException e) {
      throw AwsErrors.translate(e, where("StartBuildBatch", null));
    }
  }

  /** One BatchGetBuildBatches; a failure that may pass on the next poll is a {@link TransientFailure}. */
  @Override
  public BatchSnapshot describe(String batchId) {
    BatchGetBuildBatchesResponse response;
    try {
      response = client().batchGetBuildBatches(r -> r.ids(batchId));
    } catch (SdkException e) {
      CrossbatchException translated = AwsErrors.translate(e, where("BatchGetBuildBatches", batchId));
      if (AwsErrors.transientFailure(e)) {
        throw new TransientFailure(translated.getMessage(), translated.hint().orElse(null), AwsErrors.throttling(e));
      }
      throw translated;
    }
    return response.buildBatches().stream().filter(b -> batchId.equals(b.id())).findFirst()
        .map(CodeBuildMapping::snapshot)
        .orElseThrow(() -> CrossbatchException.usage("CodeBuild has no batch " + batchId + " in project " + project + " (" + clients.region().id() + ")",
            "check the id and --region; 'crossbatch batches' lists recent batches"));
  }

  @Override
  public BatchSnapshot stop(String batchId) {
    try {
      return CodeBuildMapping.snapshot(client().stopBuildBatch(r -> r.id(batchId)).buildBatch());
    } catch (SdkException e) {
      throw AwsErrors.translate(e, where("StopBuildBatch", batchId));
    }
  }

  /** Re-runs the failed builds of a failed batch (RETRY_FAILED_BUILDS); the batch keeps its id. */
  public BatchSnapshot retry(String batchId) {
    try {
      return CodeBuildMapping.snapshot(client().retryBuildBatch(r -> r.id(batchId).retryType(RetryBuildBatchType.RETRY_FAILED_BUILDS)
          .idempotencyToken(tokens.get())).buildBatch());
    } catch (SdkException e) {
      throw AwsErrors.translate(e, where("RetryBuildBatch", batchId));
    }
  }

  /** The project's most recent batches, newest first: one list call, one BatchGetBuildBatches. */
  public List<BatchSnapshot> recent(int max) {
    try {
      List<String> ids = client().listBuildBatchesForProject(r -> r.projectName(project).sortOrder(SortOrderType.DESCENDING)
          .maxResults(Math.min(max, IDS_PER_CALL))).ids();
      if (ids.isEmpty()) {
        return List.of();
      }
      Map<String, BuildBatch> byId = new HashMap<>();
      client().batchGetBuildBatches(r -> r.ids(ids)).buildBatches().forEach(b -> byId.put(b.id(), b));
      return ids.stream().filter(byId::containsKey).map(id -> CodeBuildMapping.snapshot(byId.get(id))).toList();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, where("ListBuildBatchesForProject", null));
    }
  }

  /**
   * The batch with each build's phases, times, zip SHA-256 and log stream: BatchGetBuilds, 100
   * builds per call. Used once a batch has ended (the batch shape has none of these).
   */
  public BatchSnapshot details(BatchSnapshot batch) {
    List<String> ids = batch.builds().stream().map(BuildRun::buildId).filter(id -> id != null).toList();
    Map<String, Build> byId = new HashMap<>();
    try {
      for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
        client().batchGetBuilds(r -> r.ids(chunk)).builds().forEach(b -> byId.put(b.id(), b));
      }
    } catch (SdkException e) {
      throw AwsErrors.translate(e, where("BatchGetBuilds", batch.id()));
    }
    List<BuildRun> builds = batch.builds().stream()
        .map(run -> byId.containsKey(run.buildId()) ? CodeBuildMapping.enrich(run, byId.get(run.buildId())) : run).toList();
    return new BatchSnapshot(batch.id(), batch.backend(), batch.project(), batch.status(), batch.phase(), batch.sourceVersion(),
        batch.commit(), batch.version(), batch.dirty(), batch.start(), batch.end(), batch.complete(), batch.downloadSource(), builds, batch.message());
  }
}
