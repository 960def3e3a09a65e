package dev.crossbatch.core.aws;

import java.net.URI;

/**
 * What the command line says about AWS: each null when not given. The SDK's own chain (environment,
 * ~/.aws/config, AWS_ENDPOINT_URL_CODEBUILD and friends) fills the gaps, then crossbatch.yml.
 */
public record AwsSettings(String region, String profile, URI endpoint) {
  public static AwsSettings none() {
    return new AwsSettings(null, null, null);
  }
}
