package dev.crossbatch.core.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactFilter;
import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.artifact.ChecksumSources;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.artifact.Downloader;
import dev.crossbatch.core.artifact.StoredObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * S3's own SHA-256 of an object as the last checksum source: HeadObject with x-amz-checksum-mode,
 * answered on loopback with S3's headers (S3Proxy keeps no checksums, so this one is WireMock).
 */
@ExtendWith(FakeCredentials.class)
class S3ChecksumTest {
  static final String KEY = "hello/hello_linux_amd64_3f9c2e1.zip";
  static final byte[] CONTENT = "PK the zip".getBytes(StandardCharsets.UTF_8);

  final WireMockServer s3 = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
  AwsClients clients;
  S3ArtifactStore store;
  StoredObject object;

  @BeforeEach
  void start() {
    s3.start();
    clients = new AwsClients(new AwsSettings("us-east-1", null, java.net.URI.create("http://127.0.0.1:" + s3.port())), null);
    store = new S3ArtifactStore(clients, "releases", "hello");
    object = new StoredObject("hello_linux_amd64_3f9c2e1.zip", CONTENT.length, Instant.parse("2026-11-22T10:00:00Z"), "\"etag-1\"");
  }

  @AfterEach
  void stop() {
    clients.close();
    s3.stop();
  }

  void headAnswers(String checksumType) {
    var response = aResponse().withStatus(200).withHeader("Content-Length", Integer.toString(CONTENT.length)).withHeader("ETag", "\"etag-1\"")
        .withHeader("x-amz-checksum-sha256", Base64.getEncoder().encodeToString(Checksums.sha256(CONTENT)));
    if (checksumType != null) {
      response.withHeader("x-amz-checksum-type", checksumType);
    }
    s3.stubFor(head(urlEqualTo("/releases/" + KEY)).willReturn(response));
  }

  @Test
  void aFullObjectSha256_isTheStoresChecksum_askedForWithChecksumMode() {
    headAnswers("FULL_OBJECT");

    assertThat(store.sha256(object)).contains(HexFormat.of().formatHex(Checksums.sha256(CONTENT)));
    s3.verify(headRequestedFor(urlEqualTo("/releases/" + KEY)).withHeader("x-amz-checksum-mode", equalTo("ENABLED")));
  }

  @Test
  void aCompositeChecksumOfParts_isNoChecksumOfTheWhole() {
    headAnswers("COMPOSITE");

    assertThat(store.sha256(object)).isEmpty();
  }

  @Test
  void withoutCodeBuildOrASha256sums_downloadFallsBackToTheStoresChecksum() {
    headAnswers(null); // objects uploaded with a SHA-256 before S3 reported checksum types

    ArtifactCatalog catalog = ArtifactCatalog.of(List.of(object), ArtifactName.defaultName(), "hello");
    List<ArtifactCatalog.Entry> selected = catalog.select(new ArtifactFilter("3f9c2e1", List.of(), false));
    Map<String, List<Downloader.Expected>> expected = ChecksumSources.resolve(store, catalog, selected, ChecksumSources.Remembered.NONE,
        new ChecksumSources.Reading(2, java.time.Duration.ZERO, d -> { })).byFile();

    assertThat(expected.get("hello_linux_amd64_3f9c2e1.zip"))
        .containsExactly(new Downloader.Expected(HexFormat.of().formatHex(Checksums.sha256(CONTENT)), "the store's checksum"));
  }
}
