package dev.crossbatch.core.aws;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS clients of one process: built on first use (commands that need no AWS never load the
 * SDK), one per service, sharing one HTTP client, closed together. The Apache HTTP client is used
 * because the URLConnection one accepts truncated bodies (docs/facts.md).
 */
public final class AwsClients implements AutoCloseable {
  /** How long to wait: to connect, for data, for one attempt, for a call with its retries. */
  public record Timeouts(Duration connect, Duration read, Duration attempt, Duration call) {
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(35), Duration.ofSeconds(120));
  }

  static final Duration CALL_TIMEOUT = Timeouts.DEFAULT.call();

  private final AwsSettings settings;
  private final Timeouts timeouts;
  private final String configRegion;
  private final Consumer<String> debug;
  private SdkHttpClient http;
  private CodeBuildClient codeBuild;
  private CloudWatchLogsClient logs;
  private S3Client s3;
  private KmsClient kms;
  private Region region;

  /** @param configRegion codebuild.region from crossbatch.yml: the last place to find a region */
  public AwsClients(AwsSettings settings, String configRegion) {
    this(settings, configRegion, Timeouts.DEFAULT);
  }

  public AwsClients(AwsSettings settings, String configRegion, Timeouts timeouts) {
    this(settings, configRegion, timeouts, null);
  }

  /** @param debug where --debug's lines about each request go; null: nowhere */
  public AwsClients(AwsSettings settings, String configRegion, Timeouts timeouts, Consumer<String> debug) {
    this.settings = settings;
    this.configRegion = configRegion;
    this.timeouts = timeouts;
    this.debug = debug;
  }

  public synchronized CodeBuildClient codeBuild() {
    if (codeBuild == null) {
      codeBuild = configure(CodeBuildClient.builder(), HeadStart::codeBuildModels).build();
    }
    return codeBuild;
  }

  public synchronized CloudWatchLogsClient logs() {
    if (logs == null) {
      logs = configure(CloudWatchLogsClient.builder(), () -> { }).build();
    }
    return logs;
  }

  /** KMS, for release keys that never leave it (--sign-key kms:ARN). */
  public synchronized KmsClient kms() {
    if (kms == null) {
      kms = configure(KmsClient.builder(), () -> { }).build();
    }
    return kms;
  }

  /**
   * S3 with path-style addresses when an endpoint is given (--endpoint-url or AWS_ENDPOINT_URL_S3):
   * an S3-compatible server on loopback has no bucket subdomains. Request checksums only where S3
   * requires them: the default streams a CRC trailer (aws-chunked) that S3-compatible servers
   * reject, and crossbatch sends the SHA-256 of what it uploads as a header instead.
   */
  public synchronized S3Client s3() {
    if (s3 == null) {
      s3 = s3Client(settings.endpoint() != null);
      if (settings.endpoint() == null && s3.serviceClientConfiguration().endpointOverride().isPresent()) {
        s3.close(); // AWS_ENDPOINT_URL_S3 or ~/.aws/config named one: only the built client knows
        s3 = s3Client(true);
      }
    }
    return s3;
  }

  private S3Client s3Client(boolean pathStyle) {
    return configure(S3Client.builder(), HeadStart::s3Models).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).forcePathStyle(pathStyle).build();
  }

  /** The region every client uses: --region, else the SDK's chain, else crossbatch.yml. */
  public synchronized Region region() {
    if (region == null) {
      region = resolveRegion();
    }
    return region;
  }

  /**
   * Where requests go, for messages: --endpoint-url, else what the SDK took from the environment
   * or ~/.aws/config (AWS_ENDPOINT_URL_CODEBUILD...), else the service's regional endpoint.
   */
  public synchronized String endpointFor(String service) {
    if (settings.endpoint() != null) {
      return settings.endpoint().toString();
    }
    Optional<URI> configured = switch (service) {
      case "logs" -> Optional.ofNullable(logs).flatMap(c -> c.serviceClientConfiguration().endpointOverride());
      case "s3" -> Optional.ofNullable(s3).flatMap(c -> c.serviceClientConfiguration().endpointOverride());
      case "kms" -> Optional.ofNullable(kms).flatMap(c -> c.serviceClientConfiguration().endpointOverride());
      default -> Optional.ofNullable(codeBuild).flatMap(c -> c.serviceClientConfiguration().endpointOverride());
    };
    return configured.map(URI::toString).orElseGet(() -> "https://" + service + "." + region().id() + ".amazonaws.com");
  }

  /**
   * @param models the first client's service's model classes, made on the other core while this
   *     one builds the HTTP client
   */
  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, Runnable models) {
    if (http == null) {
      HeadStart.start(models);
      http = ApacheHttpClient.builder().connectionTimeout(timeouts.connect()).socketTimeout(timeouts.read())
          .socketFactory(new LazyTlsSocketFactory()).build();
    }
    ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
        .retryStrategy(RetryMode.STANDARD)
        .apiCallAttemptTimeout(timeouts.attempt())
        .apiCallTimeout(timeouts.call());
    if (debug != null) {
      override.addExecutionInterceptor(new RequestLog(debug, System::nanoTime));
    }
    builder.httpClient(http)
        .region(region())
        .credentialsProvider(credentials())
        .overrideConfiguration(override.build());
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder;
  }

  /**
   * This run's credentials, resolved once, as doctor reports them: the access key's last four
   * characters, never the secret.
   */
  public synchronized String credentialsSource() {
    try {
      // as `aws configure list` shows them: the access key's last four characters, never the secret
      String key = credentials().resolveCredentials().accessKeyId();
      return "access key ****" + (key.length() > 4 ? key.substring(key.length() - 4) : "") + (settings.profile() == null ? "" : " (profile " + settings.profile() + ")");
    } catch (SdkClientException e) {
      throw new CrossbatchException(ErrorKind.AWS, "no AWS credentials: " + firstLine(e.getMessage()),
          "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (aws sso login, aws configure), or run where a role is attached");
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "none found";
    }
    int end = text.indexOf('.');
    return end < 0 ? text : text.substring(0, end);
  }

  private AwsCredentialsProvider credentials() {
    return settings.profile() != null
        ? ProfileCredentialsProvider.create(settings.profile())
        : DefaultCredentialsProvider.builder().build();
  }

  /**
   * --region, then AWS_REGION/aws.region, then the profile's region, then crossbatch.yml; the
   * instance metadata service only as a last resort, because off EC2 asking it costs a second
   * or more of timeouts on every command.
   */
  private Region resolveRegion() {
    if (settings.region() != null) {
      return Region.of(settings.region());
    }
    List<AwsRegionProvider> chain = List.of(new SystemSettingsRegionProvider(), settings.profile() == null
        ? new AwsProfileRegionProvider() : new AwsProfileRegionProvider(ProfileFile::defaultProfileFile, settings.profile()));
    for (AwsRegionProvider provider : chain) {
      Optional<Region> region = ask(provider);
      if (region.isPresent()) {
        return region.get();
      }
    }
    if (configRegion != null) {
      return Region.of(configRegion);
    }
    return ask(new InstanceProfileRegionProvider()).orElseThrow(() -> new CrossbatchException(ErrorKind.AWS, "no AWS region is set",
        "pass --region, set AWS_REGION (or a region in ~/.aws/config), or set codebuild.region in crossbatch.yml"));
  }

  private static Optional<Region> ask(AwsRegionProvider provider) {
    try {
      return Optional.ofNullable(provider.getRegion());
    } catch (SdkClientException e) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized void close() {
    if (codeBuild != null) {
      codeBuild.close();
    }
    if (logs != null) {
      logs.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (kms != null) {
      kms.close();
    }
    if (http != null) {
      http.close();
    }
  }
}
