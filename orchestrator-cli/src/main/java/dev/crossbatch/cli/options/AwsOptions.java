package dev.crossbatch.cli.options;

import dev.crossbatch.core.aws.AwsSettings;
import dev.crossbatch.core.config.Names;
import dev.crossbatch.core.error.CrossbatchException;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/** Where AWS requests go, for the commands that may call AWS: each falls back to the SDK's own chain. */
public final class AwsOptions {
  @Option(names = "--region", paramLabel = "REGION",
      description = "AWS region (default: AWS_REGION, the profile's region, then codebuild.region)")
  String region;

  @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile from ~/.aws/config and ~/.aws/credentials")
  String profile;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "send every AWS request (CodeBuild, CloudWatch Logs, S3) to this URL instead; AWS_ENDPOINT_URL_CODEBUILD, _S3... work too")
  String endpoint;

  public AwsSettings settings() {
    if (region != null) {
      Names.checkRegion(region).ifPresent(problem -> {
        throw CrossbatchException.usage("--region " + region + ": not an AWS region name", "e.g. --region eu-west-1");
      });
    }
    return new AwsSettings(region, profile, endpoint == null ? null : endpoint(endpoint));
  }

  private static URI endpoint(String text) {
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw CrossbatchException.usage("--endpoint-url " + text + ": not an http(s) URL", "e.g. --endpoint-url http://127.0.0.1:4566");
  }
}
