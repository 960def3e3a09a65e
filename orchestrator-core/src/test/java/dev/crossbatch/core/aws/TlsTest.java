package dev.crossbatch.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.crossbatch.core.batch.BatchMemory;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * https endpoints still get the SDK's TLS, set up when the first connection opens: a server whose
 * certificate Java does not trust is refused, with one message that says so, and not retried; a
 * trusted certificate that names another host is refused too.
 */
@ExtendWith(FakeCredentials.class)
class TlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir Path dir;

  @Test
  void anHttpsEndpointWithAnUntrustedCertificate_isRefused_withAMessageAboutTls() throws Exception {
    AtomicInteger answered = new AtomicInteger();
    HttpsServer server = server(keyStore("CN=127.0.0.1", "IP:127.0.0.1"), answered);
    String endpoint = "https://127.0.0.1:" + server.getAddress().getPort();
    try (AwsClients clients = new AwsClients(new AwsSettings("us-east-1", null, URI.create(endpoint)), null,
        new AwsClients.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(10)))) {
      CodeBuildBuildService service = new CodeBuildBuildService(clients, "hello-release", () -> "t", new BatchMemory(dir.resolve("last")));

      CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> service.describe("hello-release:1"));

      assertThat(e.kind()).isEqualTo(ErrorKind.AWS);
      assertThat(e).isNotInstanceOf(dev.crossbatch.core.batch.TransientFailure.class);
      assertThat(e.getMessage()).startsWith("TLS with " + endpoint + " failed during BatchGetBuildBatches (PKIX path building failed");
      assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("trust store"));
      assertThat(answered).hasValue(0);
    } finally {
      server.stop(0);
    }
  }

  /** Java checks the host name in the handshake: the certificate names localhost, not 127.0.0.1. */
  @Test
  void aTrustedCertificate_isAcceptedForTheHostItNames_andRefusedForAnother() throws Exception {
    KeyStore store = keyStore("CN=localhost", "DNS:localhost");
    AtomicInteger answered = new AtomicInteger();
    HttpsServer server = server(store, answered);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext trusting = SSLContext.getInstance("TLS");
    trusting.init(null, trust.getTrustManagers(), null);
    int port = server.getAddress().getPort();
    try (SdkHttpClient http = ApacheHttpClient.builder().socketFactory(new LazyTlsSocketFactory(() -> trusting)).build()) {
      assertThat(get(http, "https://localhost:" + port + "/")).isEqualTo(200);

      assertThatThrownBy(() -> get(http, "https://127.0.0.1:" + port + "/"))
          .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("127.0.0.1");
      assertThat(answered).hasValue(1);
    } finally {
      server.stop(0);
    }
  }

  private static int get(SdkHttpClient http, String url) throws Exception {
    SdkHttpRequest request = SdkHttpRequest.builder().uri(URI.create(url)).method(SdkHttpMethod.GET).build();
    return http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call().httpResponse().statusCode();
  }

  private KeyStore keyStore(String name, String san) throws Exception {
    Path keystore = dir.resolve("server-" + san.replace(':', '-') + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process gen = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", name,
        "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
    assertThat(gen.waitFor()).as(new String(gen.getInputStream().readAllBytes())).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keystore.toFile())) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  /** An https server on the loopback address answering 200 to everything, counting the requests it answers. */
  private static HttpsServer server(KeyStore store, AtomicInteger answered) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", exchange -> {
      answered.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    return server;
  }
}
