package dev.crossbatch.core.aws;

import dev.crossbatch.core.doctor.AwsProbe;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.codebuild.model.BatchGetProjectsResponse;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** doctor's questions to AWS, through this run's clients: one call each, errors said as every command says them. */
public final class AwsReadiness implements AwsProbe {
  private final AwsClients clients;

  public AwsReadiness(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public String credentials() {
    return clients.credentialsSource();
  }

  @Override
  public String region() {
    return clients.region().id();
  }

  @Override
  public Project project(String name) {
    BatchGetProjectsResponse found = call("CodeBuild", "BatchGetProjects", name, () -> clients.codeBuild().batchGetProjects(r -> r.names(name)));
    if (found.projects().isEmpty()) {
      return new Project(false, null, null);
    }
    software.amazon.awssdk.services.codebuild.model.Project p = found.projects().get(0);
    String batchRole = p.buildBatchConfig() == null ? null : p.buildBatchConfig().serviceRole();
    return new Project(true, p.serviceRole(), batchRole);
  }

  @Override
  public Bucket bucket(String name) {
    call("S3", "HeadBucket", null, () -> clients.s3().headBucket(r -> r.bucket(name)));
    boolean versioned = call("S3", "GetBucketVersioning", null, () -> clients.s3().getBucketVersioning(r -> r.bucket(name))).status()
        == BucketVersioningStatus.ENABLED;
    String encryption;
    try {
      GetBucketEncryptionResponse e = clients.s3().getBucketEncryption(r -> r.bucket(name));
      List<String> algorithms = e.serverSideEncryptionConfiguration().rules().stream()
          .map(rule -> rule.applyServerSideEncryptionByDefault() == null ? null : rule.applyServerSideEncryptionByDefault().sseAlgorithmAsString())
          .filter(a -> a != null).toList();
      encryption = algorithms.isEmpty() ? null : String.join(", ", algorithms);
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw AwsErrors.translate(e, new AwsErrors.Context("S3", "GetBucketEncryption", null, null, clients.endpointFor("s3")));
      }
      encryption = null; // ServerSideEncryptionConfigurationNotFoundError: none set
    }
    return new Bucket(versioned, encryption);
  }

  private <T> T call(String service, String operation, String project, java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, new AwsErrors.Context(service, operation, project, null, clients.endpointFor(service.equals("S3") ? "s3" : "codebuild")));
    }
  }
}
