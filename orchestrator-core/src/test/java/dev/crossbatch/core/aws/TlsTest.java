package dev.crossbatch.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * https endpoints still get the SDK's TLS, set up when the first connection opens: a server whose
 * certificate Java does not trust is refused, with one message that says so, and not retried.
 */
@ExtendWith(FakeCredentials.class)
class TlsTest {
  @TempDir Path dir;

  @Test
  void anHttpsEndpointWithAnUntrustedCertificate_isRefused_withAMessageAboutTls() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process gen = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=IP:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertThat(gen.waitFor()).as(new String(gen.getInputStream().readAllBytes())).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keystore.toFile())) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    AtomicInteger answered = new AtomicInteger();
    server.createContext("/", exchange -> {
      answered.incrementAndGet();
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    server.start();
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
}
