package dev.crossbatch.core.aws;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.regex.Matcher;
import javax.net.ssl.SSLException;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where SDK exceptions become messages: what failed, where, and what to do, as an
 * AWS error (exit 3). Nothing outside this package sees an SDK exception.
 */
public final class AwsErrors {
  private static final Pattern NOT_AUTHORIZED = Pattern.compile("not authorized to perform: ([a-z0-9-]+:[A-Za-z0-9]+)(?: on resource: (\\S+))?");

  private AwsErrors() {}

  /**
   * What was being done, for the message: the service ("CodeBuild", "CloudWatch Logs"), the
   * operation and the project (and batch, when known).
   */
  public record Context(String service, String operation, String project, String batchId, String endpoint) {}

  public static CrossbatchException translate(SdkException e, Context where) {
    if (e instanceof AwsServiceException service) {
      return service(service, where);
    }
    if (e instanceof ApiCallTimeoutException) {
      return aws(where.service() + " did not answer " + where.operation() + " within " + AwsClients.CALL_TIMEOUT.toSeconds() + " s (" + where.endpoint() + ")",
          "check the network and the endpoint, then try again");
    }
    Throwable cause = rootCause(e);
    String text = e.getMessage() == null ? "" : e.getMessage();
    if (text.contains("Unable to load credentials") || text.contains("Unable to load an AWS credentials")) {
      return aws("no AWS credentials found for " + where.operation(),
          "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run 'aws configure' (or 'aws sso login'), or pass --profile");
    }
    if (text.contains("profile file") || text.contains("Profile file")) {
      return aws("the AWS profile could not be read: " + firstLine(text), "check --profile and ~/.aws/config");
    }
    if (cause instanceof UnknownHostException || cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
      return aws("cannot reach " + where.endpoint() + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")",
          "check the network, --endpoint-url and --region");
    }
    SSLException tls = inChain(e, SSLException.class);
    if (tls != null) {
      return aws("TLS with " + where.endpoint() + " failed during " + where.operation() + " (" + firstLine(tls.getMessage()) + ")",
          "check --endpoint-url; a certificate Java does not trust needs its CA in Java's trust store (javax.net.ssl.trustStore)");
    }
    if (cause instanceof SocketTimeoutException || cause instanceof SocketException) {
      return aws("the connection to " + where.endpoint() + " failed during " + where.operation() + " (" + cause.getMessage() + ")",
          "try again; if it keeps failing, check the network");
    }
    return aws("AWS request " + where.operation() + " failed: " + firstLine(text), "run again with --verbose for details");
  }

  private static CrossbatchException service(AwsServiceException e, Context where) {
    String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? "" : e.awsErrorDetails().errorMessage();
    int status = e.statusCode();
    switch (code) {
      case "ExpiredTokenException", "ExpiredToken", "RequestExpired", "TokenRefreshRequired":
        return aws("the AWS credentials have expired (" + code + ")", "refresh them (aws sso login, or new session credentials) and try again");
      case "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature":
        return aws("AWS rejected the credentials (" + code + ": " + message + ")",
            "check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or --profile, and that they belong to this account and region");
      case "AccessDeniedException", "AccessDenied":
        return accessDenied(message, where);
      case "ResourceNotFoundException":
        if (where.batchId() != null) {
          return aws("CodeBuild has no batch " + where.batchId() + " (" + message + ")", "check the batch id ('crossbatch batches' lists recent ones)");
        }
        return aws("CodeBuild project '" + where.project() + "' was not found (" + message + ")",
            "deploy it first: aws cloudformation deploy --template-file templates/codebuild-project.yml --stack-name "
                + where.project() + " --capabilities CAPABILITY_IAM (or fix codebuild.project and --region)");
      case "NoSuchBucket":
        return aws("the bucket of " + where.project() + " does not exist (" + message + ")",
            "check --bucket and codebuild.bucket (the stack's ArtifactBucket output names it) and --region");
      case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
        return aws("the bucket of " + where.project() + " is in another region than " + where.endpoint() + " (" + code + ")",
            "pass the bucket's region with --region");
      case "InvalidInputException":
        return aws(where.service() + " rejected " + where.operation() + ": " + message, "fix what " + where.service() + " names above, then try again");
      case "AccountLimitExceededException":
        return aws(where.service() + " account limit: " + message, "wait for running builds to finish, or ask AWS to raise the quota");
      case "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded":
        return aws(where.service() + " is throttling " + where.operation() + " (" + message + ") beyond the SDK's retries", "wait a minute and try again");
      default:
        break;
    }
    if (status >= 500) {
      return aws(where.service() + " failed " + where.operation() + " with HTTP " + status + (code.isEmpty() ? "" : " (" + code + ")"),
          "a service-side error: try again in a moment");
    }
    return aws(where.service() + " rejected " + where.operation() + " with HTTP " + status + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message),
        "run again with --verbose for details");
  }

  private static CrossbatchException accessDenied(String message, Context where) {
    Matcher m = NOT_AUTHORIZED.matcher(message);
    boolean named = m.find();
    String action = named ? m.group(1) : switch (where.service()) {
      case "CodeBuild" -> "codebuild:" + where.operation();
      case "S3" -> "s3:" + (where.operation().startsWith("List") ? "ListBucket" : where.operation().equals("HeadObject") ? "GetObject" : where.operation());
      default -> "logs:" + where.operation();
    };
    String resource = named && m.group(2) != null ? " on " + m.group(2) : "";
    return aws("access denied: this identity may not call " + action + resource,
        "grant " + action + " (the stack's UserPolicyArn output allows what crossbatch needs), or use another --profile");
  }

  /** Whether polling may just try again later: throttling, a service fault, a dropped connection. */
  public static boolean transientFailure(SdkException e) {
    if (e instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null ? "" : service.awsErrorDetails().errorCode();
      return throttling(e) || service.statusCode() >= 500 || code.equals("RequestTimeout");
    }
    if (inChain(e, GeneralSecurityException.class) != null) {
      return false; // a certificate that is not trusted now will not be trusted on the next poll
    }
    Throwable cause = rootCause(e);
    return e instanceof ApiCallTimeoutException || cause instanceof SocketTimeoutException || cause instanceof SocketException
        || e instanceof SdkClientException && (e.getMessage() != null && e.getMessage().contains("Unable to execute HTTP request"));
  }

  public static boolean throttling(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null) {
      String code = service.awsErrorDetails().errorCode();
      return code.equals("ThrottlingException") || code.equals("Throttling") || code.equals("TooManyRequestsException") || code.equals("RequestLimitExceeded");
    }
    return false;
  }

  private static CrossbatchException aws(String message, String hint) {
    return new CrossbatchException(ErrorKind.AWS, message, hint);
  }

  private static <T extends Throwable> T inChain(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
