package dev.crossbatch.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RequestLogTest {
  @Test
  void url_redactsEveryParameterThatCarriesACredentialOrSignature_andKeepsTheRest() {
    URI presigned = URI.create("https://releases.s3.us-east-1.amazonaws.com/hello/hello_linux_amd64_3f9c2e1.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKIDEXAMPLE%2F20261130%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=FwoG&X-Amz-Signature=abc123&list-type=2");
    URI old = URI.create("http://user:pw@localhost:9000/b/k?AWSAccessKeyId=AKID&Signature=xyz&Expires=1");

    assertThat(RequestLog.url(presigned)).isEqualTo("https://releases.s3.us-east-1.amazonaws.com/hello/hello_linux_amd64_3f9c2e1.zip"
        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=REDACTED&X-Amz-Security-Token=REDACTED&X-Amz-Signature=REDACTED&list-type=2");
    assertThat(RequestLog.url(old)).isEqualTo("http://localhost:9000/b/k?AWSAccessKeyId=REDACTED&Signature=REDACTED&Expires=1");
    assertThat(RequestLog.url(URI.create("https://codebuild.us-east-1.amazonaws.com"))).isEqualTo("https://codebuild.us-east-1.amazonaws.com/");
  }
}
