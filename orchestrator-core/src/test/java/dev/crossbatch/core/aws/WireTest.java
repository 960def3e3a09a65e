package dev.crossbatch.core.aws;

import dev.crossbatch.core.batch.BatchMemory;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A CodeBuild backend talking to WireMock on loopback through the real SDK, with throwaway credentials. */
@ExtendWith(FakeCredentials.class)
abstract class WireTest {
  static final String PROJECT = "hello-release";
  static final String ID = PROJECT + ":6f1c2a4e-9b7d-4c1e-8a2f-3d5e7b9c1a20";
  static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";

  @TempDir Path dir;
  CodeBuildWire wire;
  AwsClients clients;
  BatchMemory memory;
  CodeBuildBuildService service;
  final AtomicInteger tokens = new AtomicInteger();

  @BeforeEach
  void server() {
    wire = new CodeBuildWire();
    memory = new BatchMemory(dir.resolve("last-batch"));
    clients = new AwsClients(new AwsSettings("us-east-1", null, wire.endpoint()), null);
    service = new CodeBuildBuildService(clients, PROJECT, () -> "token-" + tokens.incrementAndGet(), memory);
  }

  @AfterEach
  void stop() {
    clients.close();
    wire.close();
  }
}
