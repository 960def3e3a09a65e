package dev.crossbatch.core.aws;

import dev.crossbatch.core.testing.Await;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * moto_server on a free loopback port: the AWS emulator whose KMS signs for real (ECC_NIST_P256's
 * ECDSA_SHA_256, GetPublicKey), started for a test class and stopped after it.
 */
public final class MotoServer implements AutoCloseable {
  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static MotoServer start() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path log = Files.createTempFile("moto", ".log");
    Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    MotoServer server = new MotoServer(process, endpoint);
    try {
      Await.until("moto_server answers on " + endpoint + " (log: " + log + ")", Await.LONG, () -> {
        if (!process.isAlive()) {
          throw new IllegalStateException("moto_server ended: " + Files.readString(log));
        }
        try {
          HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
          c.setConnectTimeout(1000);
          c.setReadTimeout(5000);
          return c.getResponseCode() == 200;
        } catch (IOException notYet) {
          return false;
        }
      });
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }
}
