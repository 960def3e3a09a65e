package dev.crossbatch.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.core.aws.CodeBuildWire;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many API calls {@code crossbatch watch} makes to follow a batch of N builds that runs for a
 * given time: the real CLI and SDK against a simulated batch on loopback, in virtual time (the
 * polling waits are recorded, not slept). WatchApiCallsTest measures 6 and 100 builds; bench/codebuild.sh
 * prints its report.
 */
public final class WatchApiCalls {
  static final String ID = "hello-release:6f1c2a4e-9b7d-4c1e-8a2f-3d5e7b9c1a20";

  /** Calls by operation, the exit code, and the virtual time the watch took. */
  public record Result(int builds, Map<String, Integer> calls, int exit, Duration watched) {
    public int total() {
      return calls.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private WatchApiCalls() {}

  public static Result measure(int builds, Duration length) throws Exception {
    VirtualTime time = new VirtualTime(Instant.parse("2026-11-21T12:00:00Z"));
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
        .extensions(new SimulatedBatch(ID, builds, length, time::elapsed)));
    server.start();
    Path dir = Files.createTempDirectory("crossbatch-watch-calls");
    String key = System.getProperty("aws.accessKeyId");
    try {
      if (key == null) {
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
      }
      Files.writeString(dir.resolve("crossbatch.yml"), "name: hello\nplatforms: [linux/amd64]\ncodebuild:\n  project: hello-release\n");
      server.stubFor(CodeBuildWire.operation("BatchGetBuildBatches").willReturn(CodeBuildWire.ok("{}")));
      server.stubFor(CodeBuildWire.operation("BatchGetBuilds").willReturn(CodeBuildWire.ok("{}")));
      CliContext context = new CliContext(dir, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, false,
          Map.of(), time.clock(), time.sleeper(), Interrupts.manual());
      int exit = Main.run(context, "watch", ID, "-q", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:" + server.port());
      Map<String, Integer> calls = new TreeMap<>();
      for (LoggedRequest r : server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
          com.github.tomakehurst.wiremock.client.WireMock.anyUrl()))) {
        String target = r.getHeader(CodeBuildWire.TARGET);
        calls.merge(target.substring(target.indexOf('.') + 1), 1, Integer::sum);
      }
      return new Result(builds, new LinkedHashMap<>(calls), exit, time.elapsed());
    } finally {
      if (key == null) {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
      }
      server.stop();
    }
  }

  /** One line per batch size: builds, calls by operation, total, virtual time watched. */
  public static String table(java.util.List<Result> results) {
    StringBuilder out = new StringBuilder(String.format("%-7s %-21s %-15s %-6s %s%n", "builds", "BatchGetBuildBatches", "BatchGetBuilds", "total", "watched"));
    for (Result r : results) {
      out.append(String.format("%-7d %-21d %-15d %-6d %ds (exit %d)%n", r.builds(), r.calls().getOrDefault("BatchGetBuildBatches", 0),
          r.calls().getOrDefault("BatchGetBuilds", 0), r.total(), r.watched().toSeconds(), r.exit()));
    }
    return out.toString();
  }
}
