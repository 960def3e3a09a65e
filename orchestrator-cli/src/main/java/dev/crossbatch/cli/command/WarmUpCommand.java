package dev.crossbatch.cli.command;

import com.sun.net.httpserver.HttpServer;
import dev.crossbatch.cli.render.BatchTable;
import dev.crossbatch.cli.render.Cells;
import dev.crossbatch.cli.render.Table;
import dev.crossbatch.cli.render.json.BatchJson;
import dev.crossbatch.cli.render.json.Json;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.aws.AwsClients;
import dev.crossbatch.core.aws.AwsSettings;
import dev.crossbatch.core.aws.CodeBuildBuildService;
import dev.crossbatch.core.batch.BatchMemory;
import dev.crossbatch.core.batch.BatchPlan;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.ShowBatch;
import dev.crossbatch.core.buildspec.BuildspecGenerator;
import dev.crossbatch.core.buildspec.BuildspecReader;
import dev.crossbatch.core.buildspec.GeneratedFile;
import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.source.GitSource;
import dev.crossbatch.core.time.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * The launcher's training run for its class-data-sharing archives (docs/decisions/0020), one per
 * group of commands (docs/decisions/0046): goes once through what the group's commands load, so that
 * later runs map those classes instead of loading them. {@code short}: every command's model and
 * help, validate, generate and its check, a config's batch plan; {@code aws}: a CodeBuild status,
 * details and log read against a throwaway server on loopback, as JSON and tables; {@code download}:
 * a verified download from a bucket on loopback; {@code release}: a local release of a project of the
 * generic preset with its zips, SBOMs, provenance and report. No group: all of them. Prints nothing.
 */
@Command(name = WarmUpCommand.NAME, hidden = true)
public final class WarmUpCommand implements Callable<Integer> {
  public static final String NAME = "__warm-up";

  static final String CONFIG = "name: warm\nplatforms: [linux/amd64, darwin/arm64]\ncodebuild:\n  project: warm-release\n  region: us-east-1\n";
  static final String BATCH = "warm-release:00000000-0000-4000-8000-000000000000";
  /**
   * CodeBuild's answers to BatchGetBuildBatches and BatchGetBuilds for an ended batch, with every
   * member the real ones carry (source, environment, logs, artifacts, the batch's settings): each
   * member the SDK reads loads its model classes, which a sparse answer would leave out of the
   * archive for every later status to load (docs/benchmarks.md).
   */
  static final String BATCHES_RESOURCE = "warm-up-batches.json";
  static final String BUILDS_RESOURCE = "warm-up-builds.json";
  /** Two platforms of the generic preset: a release needs git and bash, not Go. */
  static final String RELEASE_CONFIG = "name: warm\npreset: generic\nplatforms: [linux/amd64, windows/amd64]\nbuild:\n  commands:\n"
      + "    - mkdir -p dist && printf 'warm\\n' > dist/warm\n";
  static final String LOG_JSON = "{\"events\":[{\"timestamp\":1732190440000,\"message\":\"warm\\n\",\"ingestionTime\":1732190440500}],"
      + "\"nextForwardToken\":\"f/1\",\"nextBackwardToken\":\"b/1\"}";

  /** The launcher's groups of commands, each trained into an archive of its own. */
  static final List<String> GROUPS = List.of("short", "aws", "download", "release");

  private final Session session;

  WarmUpCommand(Session session) {
    this.session = session;
  }

  @Parameters(paramLabel = "GROUP", arity = "0..1", description = "short, aws, download or release (default: all of them)")
  String group;

  @Override
  public Integer call() throws Exception {
    if (group != null && !GROUPS.contains(group)) {
      throw CrossbatchException.usage("no group " + group + " of commands to train", "give one of " + String.join(", ", GROUPS));
    }
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    Path dir = Files.createTempDirectory("crossbatch-warm-up");
    try {
      Path file = Files.writeString(dir.resolve("crossbatch.yml"), CONFIG);
      if (trains("short")) {
        CommandLine all = session.everyCommand();
        all.usage(sink);
        all.getSubcommands().values().forEach(c -> c.usage(sink));
        ProjectConfig config = ConfigLoader.load(file, "crossbatch.yml");
        for (GeneratedFile generated : Generation.render(config)) {
          if (generated.path().equals(BuildspecGenerator.BUILDSPEC)) {
            BatchPlan.expand(BuildspecReader.read(generated.content(), generated.path()));
          }
        }
        Checksums.sha256(file);
        for (String[] command : new String[][] {{"--version"}, {"validate"}, {"generate", "-q"}, {"generate", "--check"}}) {
          session.everyCommand(context(dir, sink)).execute(command);
        }
      }
      if (trains("aws")) {
        ConfigLoader.load(file, "crossbatch.yml");
        BatchSnapshot batch = codeBuild(dir);
        Json.write(BatchJson.of(batch));
        Table.print(sink, BatchTable.SUMMARY_HEADERS, BatchTable.summary(batch, Instant.now(), dir, Cells.PEOPLE));
        Table.print(sink, BatchTable.HEADERS, BatchTable.rows(batch, Instant.now(), Cells.PEOPLE));
      }
      if (trains("release")) {
        Path releasing = Files.createDirectory(dir.resolve("release"));
        session.output().detail("warm-up: the local release ended with exit code " + attempt(() -> release(releasing, sink)));
      }
      if (trains("download")) {
        Path downloading = Files.createDirectory(dir.resolve("download"));
        session.output().detail("warm-up: the download ended with exit code " + attempt(() -> download(downloading, sink)));
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return ExitCodes.OK;
  }

  private boolean trains(String part) {
    return group == null || group.equals(part);
  }

  /** A part that cannot run here (no git, no bash, no loopback) only leaves its classes out of the archive: -1. */
  private int attempt(Callable<Integer> part) throws InterruptedException {
    try {
      return part.call();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      session.output().detail("warm-up: " + e);
      return -1;
    }
  }

  /**
   * A real local release, the command a developer runs most: the batch runner, its shell sessions,
   * zips, state files, SBOMs, provenance and report.html (over a third of a release's classes are
   * on no other path). Without git or bash it fails early, which only leaves those classes out.
   * Returns the release's exit code, or -1 when git could not commit the project.
   */
  private int release(Path project, PrintWriter sink) throws IOException {
    Files.writeString(project.resolve("crossbatch.yml"), RELEASE_CONFIG);
    List<String> identity = List.of("-c", "user.name=crossbatch", "-c", "user.email=warm-up@crossbatch.invalid", "-c", "commit.gpgsign=false",
        "-c", "core.hooksPath=/dev/null");
    for (List<String> git : List.of(List.of("init", "-q"), List.of("add", "-A"), List.of("commit", "-q", "-m", "warm-up"))) {
      List<String> args = new ArrayList<>(identity);
      args.addAll(git);
      if (GitSource.git(project, args).exit() != 0) {
        return -1;
      }
    }
    return session.everyCommand(context(project, sink)).execute("release", "-q");
  }

  /**
   * A download of a release's zip, verified against its SHA256SUMS, from a bucket on loopback
   * ({@link WarmUpStore}): the S3 client, its XML answers and the downloader. Returns its exit code.
   */
  private int download(Path project, PrintWriter sink) throws Exception {
    Files.writeString(project.resolve("crossbatch.yml"), "name: warm\nplatforms: [linux/amd64]\ncodebuild:\n  bucket: " + WarmUpStore.BUCKET
        + "\n  prefix: " + WarmUpStore.PREFIX + "\n  region: us-east-1\n");
    try (WarmUpStore store = new WarmUpStore()) {
      return withCredentials(() -> session.everyCommand(context(project, sink)).execute("artifacts", "download", "--commit", WarmUpStore.COMMIT,
          "--dest", project.resolve("got").toString(), "--endpoint-url", store.endpoint().toString(), "-q"));
    }
  }

  /** A run in {@code project} that prints into {@code sink}, with no more of the environment than finding programs needs. */
  private static CliContext context(Path project, PrintWriter sink) {
    Map<String, String> environment = new HashMap<>();
    for (String name : List.of("PATH", "HOME", "TMPDIR", "LANG")) {
      Optional.ofNullable(System.getenv(name)).ifPresent(value -> environment.put(name, value));
    }
    return new CliContext(project, sink, sink, false, false, environment, Clock.systemUTC(), Sleeper.real(), Interrupts.manual());
  }

  /** status, details and a log read against a loopback server answering as CodeBuild and CloudWatch Logs do. */
  static BatchSnapshot codeBuild(Path dir) throws Exception {
    byte[] batches = resource(BATCHES_RESOURCE);
    byte[] builds = resource(BUILDS_RESOURCE);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      exchange.getRequestBody().readAllBytes();
      byte[] body = target.endsWith("BatchGetBuildBatches") ? batches : target.endsWith("BatchGetBuilds") ? builds : LOG_JSON.getBytes(StandardCharsets.UTF_8);
      WarmUpStore.respond(exchange, 200, "application/x-amz-json-1.1", body);
    });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    try (AwsClients clients = new AwsClients(new AwsSettings("us-east-1", null, endpoint), null)) {
      CodeBuildBuildService service = new CodeBuildBuildService(clients, "warm-release", () -> "warm-up", new BatchMemory(dir.resolve("last")));
      return withCredentials(() -> {
        BatchSnapshot batch = ShowBatch.run(service, BATCH);
        ShowBatch.run(service, BATCH); // the second look at an ended batch: its details from the memory
        service.log(batch.builds().get(0), null);
        return batch;
      });
    } finally {
      server.stop(0);
    }
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = WarmUpCommand.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing from the jar: " + name);
      }
      return in.readAllBytes();
    }
  }

  /** Runs {@code work} with the SDK's credentials from system properties set to placeholders, then puts back what was there. */
  private static <T> T withCredentials(Callable<T> work) throws Exception {
    String key = System.setProperty("aws.accessKeyId", "warm-up");
    String secret = System.setProperty("aws.secretAccessKey", "warm-up");
    try {
      return work.call();
    } finally {
      restore("aws.accessKeyId", key);
      restore("aws.secretAccessKey", secret);
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
