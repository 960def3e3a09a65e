package dev.crossbatch.core.aws;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * --debug: one line per HTTP attempt the SDK makes and one per answer (operation, method, URL,
 * status, request id, time taken) and why a call failed. Headers are never written, so neither
 * credentials nor signatures are; query parameters that carry them (a presigned URL's) are shown
 * as {@code REDACTED}.
 */
public final class RequestLog implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("crossbatch.sent");
  private static final Set<String> SECRET_PARAMETERS = Set.of("x-amz-signature", "x-amz-credential", "x-amz-security-token", "signature",
      "awsaccesskeyid");
  private static final List<String> REQUEST_ID_HEADERS = List.of("x-amzn-RequestId", "x-amz-request-id", "x-amzn-request-id");

  private final Consumer<String> lines;
  private final java.util.function.LongSupplier nanos;

  public RequestLog(Consumer<String> lines, java.util.function.LongSupplier nanos) {
    this.lines = lines;
    this.nanos = nanos;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attributes.putAttribute(SENT, nanos.getAsLong());
    SdkHttpRequest request = context.httpRequest();
    lines.accept("> " + operation(attributes) + " " + request.method() + " " + url(request.getUri()));
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    SdkHttpResponse response = context.httpResponse();
    Long sent = attributes.getAttribute(SENT);
    String took = sent == null ? "" : " in " + (nanos.getAsLong() - sent) / 1_000_000 + " ms";
    lines.accept("< " + operation(attributes) + " " + response.statusCode() + took
        + requestId(response).map(id -> " (request id " + id + ")").orElse(""));
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable e = context.exception();
    lines.accept("! " + operation(attributes) + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
  }

  private static String operation(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  private static Optional<String> requestId(SdkHttpResponse response) {
    return REQUEST_ID_HEADERS.stream().map(response::firstMatchingHeader).flatMap(Optional::stream).findFirst();
  }

  /** The URL without user info, each secret-bearing query parameter's value redacted. */
  static String url(URI uri) {
    StringBuilder url = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
    if (uri.getPort() >= 0) {
      url.append(':').append(uri.getPort());
    }
    url.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      StringBuilder query = new StringBuilder();
      for (String parameter : uri.getRawQuery().split("&")) {
        int eq = parameter.indexOf('=');
        String name = eq < 0 ? parameter : parameter.substring(0, eq);
        query.append(query.length() == 0 ? "?" : "&")
            .append(eq >= 0 && SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT)) ? name + "=REDACTED" : parameter);
      }
      url.append(query);
    }
    return url.toString();
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
