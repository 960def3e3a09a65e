package dev.crossbatch.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactDownload;
import dev.crossbatch.core.artifact.ArtifactFilter;
import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.artifact.ChecksumSources;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.artifact.Downloader;
import dev.crossbatch.core.aws.FaultyProxy.Fault;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Downloads under every fault a network, a server or a crash can cause, through the download use
 * case against a real S3-protocol server behind {@link FaultyProxy}: whatever happens, no file
 * under a final name holds bytes other than the object's, a file said to be verified is, and the
 * error kind (so the exit code) says what happened.
 */
@ExtendWith(FakeCredentials.class)
class DownloadFaultMatrixTest {
  static final String BUCKET = "faults";
  static final String ZIP = "hello_linux_amd64_3f9c2e1.zip";
  static final String SUMS = "hello_3f9c2e1_SHA256SUMS";
  static final int SIZE = 300_000;
  static final int ATTEMPTS = 3;

  static S3Server s3;
  static final AtomicInteger cases = new AtomicInteger();
  static final AtomicInteger wrongUnderFinalName = new AtomicInteger();

  @TempDir Path tmp;

  /**
   * One case: how the bucket is filled, what the proxy does, what the download is asked, and the
   * error kind it must end with (null: it must succeed, verified unless {@code verified} is false).
   */
  record Case(String name, Setup setup, Consumer<FaultyProxy> faults, boolean requireChecksum, ErrorKind expected, boolean verified,
      String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What is in the bucket beside the zip, what is known locally, and what an earlier run left in dest. */
  record Setup(boolean sums, boolean s3Checksums, String remembered, byte[] part, Duration readTimeout) {
    static Setup published() {
      return new Setup(true, false, null, null, null);
    }

    static Setup bare() {
      return new Setup(false, false, null, null, null);
    }

    Setup withS3Checksums() {
      return new Setup(sums, true, remembered, part, readTimeout);
    }

    Setup remembering(String sha) {
      return new Setup(sums, s3Checksums, sha, part, readTimeout);
    }

    Setup leftPart(byte[] bytes) {
      return new Setup(sums, s3Checksums, remembered, bytes, readTimeout);
    }

    Setup readTimeout(Duration timeout) {
      return new Setup(sums, s3Checksums, remembered, part, timeout);
    }
  }

  static final byte[] CONTENT = new byte[SIZE];

  static {
    new Random(11).nextBytes(CONTENT);
  }

  static String sha(byte[] bytes) {
    return HexFormat.of().formatHex(Checksums.sha256(bytes));
  }

  static Case ok(String name, Setup setup, Consumer<FaultyProxy> faults) {
    return new Case(name, setup, faults, false, null, true, null);
  }

  static Case fails(String name, Setup setup, Consumer<FaultyProxy> faults, ErrorKind kind, String message) {
    return new Case(name, setup, faults, false, kind, true, message);
  }

  /** Where one flipped bit turns a hex digit of the SHA256SUMS line into another one. */
  static int hexThatStaysHex() {
    String hex = sha(CONTENT);
    for (int i = 0; i < hex.length(); i++) {
      if ("0123456789bcde".indexOf(hex.charAt(i)) >= 0) {
        return i;
      }
    }
    throw new IllegalStateException(hex);
  }

  static Stream<Case> matrix() {
    byte[] damagedPart = java.util.Arrays.copyOf(CONTENT, 120_000);
    damagedPart[5_000] ^= 1;
    String otherSha = sha("an earlier build".getBytes());
    return Stream.of(
        ok("no fault", Setup.published(), p -> { }),
        ok("a byte flipped once, caught by SHA256SUMS", Setup.published(), p -> p.rule(Fault.FLIP, ".zip", 150_000, 1)),
        fails("a byte flipped on every GET, against SHA256SUMS", Setup.published(), p -> p.rule(Fault.FLIP, ".zip", 150_000, 99),
            ErrorKind.INTEGRITY, ZIP + " was damaged on each of 3 attempts"),
        ok("a byte flipped once, caught by S3's own checksum (no SHA256SUMS)", Setup.bare().withS3Checksums(),
            p -> p.rule(Fault.FLIP, ".zip", 150_000, 1)),
        fails("a byte flipped on every GET, caught by S3's own checksum after the whole body", Setup.bare().withS3Checksums(),
            p -> p.rule(Fault.FLIP, ".zip", SIZE - 10, 99), ErrorKind.INTEGRITY, "S3's checksum of the object does not match"),
        new Case("a byte flipped, no checksum anywhere, --require-checksum", Setup.bare(), p -> p.rule(Fault.FLIP, ".zip", 10, 99), true,
            ErrorKind.INTEGRITY, false, "no SHA-256 is known for " + ZIP),
        ok("cut short once, resumed against SHA256SUMS", Setup.published(), p -> p.rule(Fault.TRUNCATE, ".zip", 100_000, 1)),
        ok("cut short twice (closed early), resumed twice", Setup.published(), p -> p.rule(Fault.CUT, ".zip", 100_000, 2)),
        ok("cut short once with only S3's checksum: fetched again whole", Setup.bare().withS3Checksums(), p -> p.rule(Fault.TRUNCATE, ".zip", 100_000, 1)),
        fails("reset before the body on every GET", Setup.published(), p -> p.rule(Fault.RESET, ".zip", 0, 99), ErrorKind.AWS,
            ZIP + " could not be downloaded whole after 3 attempts"),
        ok("reset before the body once", Setup.published(), p -> p.rule(Fault.RESET, ".zip", 0, 1)),
        ok("HTTP 500 once (the SDK retries)", Setup.published(), p -> p.rule(Fault.STATUS_500, ".zip", 0, 1)),
        ok("HTTP 503 twice", Setup.published(), p -> p.rule(Fault.STATUS_503, ".zip", 0, 2)),
        fails("HTTP 503 on every GET", Setup.published(), p -> p.rule(Fault.STATUS_503, ".zip", 0, 99), ErrorKind.AWS,
            ZIP + " could not be downloaded whole after 3 attempts"),
        ok("the body delayed 300 ms", Setup.published(), p -> p.rule(Fault.DELAY, ".zip", 300, 99)),
        ok("the body stalled once, past the read timeout", Setup.published().readTimeout(Duration.ofSeconds(2)), p -> p.rule(Fault.STALL, ".zip", 0, 1)),
        fails("the body stalled on every GET", Setup.published().readTimeout(Duration.ofSeconds(2)), p -> p.rule(Fault.STALL, ".zip", 0, 99),
            ErrorKind.AWS, ZIP + " could not be downloaded whole after 3 attempts"),
        fails("SHA256SUMS with a flipped hex digit (no S3 checksum to catch it)", Setup.published(), p -> p.rule(Fault.FLIP, "SHA256SUMS", hexThatStaysHex(), 99),
            ErrorKind.INTEGRITY, "(s3://" + BUCKET + "/"),
        fails("SHA256SUMS whose line is broken by a flip, on every read", Setup.published(), p -> p.rule(Fault.FLIP, "SHA256SUMS", 64, 99),
            ErrorKind.INTEGRITY, SUMS + " is damaged: line 1 is not"),
        ok("SHA256SUMS damaged once, caught by S3's checksum, read again", Setup.published().withS3Checksums(),
            p -> p.rule(Fault.FLIP, "SHA256SUMS", 3, 1)),
        fails("SHA256SUMS cut short on every read", Setup.published(), p -> p.rule(Fault.TRUNCATE, "SHA256SUMS", 40, 99), ErrorKind.AWS,
            "cannot read s3://" + BUCKET + "/"),
        ok("SHA256SUMS cut short once", Setup.published(), p -> p.rule(Fault.TRUNCATE, "SHA256SUMS", 40, 1)),
        fails("SHA256SUMS answered 503 on every read", Setup.published(), p -> p.rule(Fault.STATUS_503, "SHA256SUMS", 0, 99), ErrorKind.AWS,
            SUMS),
        fails("CodeBuild's remembered SHA-256 is of an earlier build of the commit", Setup.published().remembering(otherSha), p -> { },
            ErrorKind.INTEGRITY, "the commit was built again since CodeBuild saw it"),
        ok("a part file an earlier run left, with a flipped byte: resumed, caught, fetched again", Setup.published().leftPart(damagedPart),
            p -> { }),
        new Case("a part file an earlier run left, no SHA-256 known: never resumed", Setup.bare().leftPart(damagedPart), p -> { }, false, null,
            false, null));
  }

  @BeforeAll
  static void start() throws Exception {
    s3 = S3Server.start();
    s3.bucket(BUCKET);
  }

  @AfterAll
  static void stop() throws Exception {
    System.out.println("download fault matrix: " + cases.get() + " cases, " + wrongUnderFinalName.get() + " files with wrong bytes under a final name");
    s3.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void everyFault_endsWithTheRightBytesOrNoFile_andTheRightErrorKind(Case c) throws Exception {
    cases.incrementAndGet();
    String prefix = "case-" + cases.get();
    s3.put(BUCKET, prefix + "/" + ZIP, CONTENT);
    if (c.setup().sums()) {
      s3.put(BUCKET, prefix + "/" + SUMS, (sha(CONTENT) + "  " + ZIP + "\n").getBytes());
    }
    Path dest = Files.createDirectories(tmp.resolve("dest"));
    if (c.setup().part() != null) {
      Files.write(dest.resolve(ZIP + ".part"), c.setup().part());
    }
    AwsClients.Timeouts timeouts = c.setup().readTimeout() == null ? AwsClients.Timeouts.DEFAULT
        : new AwsClients.Timeouts(Duration.ofSeconds(5), c.setup().readTimeout(), Duration.ofSeconds(60), Duration.ofSeconds(120));
    try (FaultyProxy proxy = new FaultyProxy(s3.port());
        AwsClients clients = new AwsClients(new AwsSettings("us-east-1", null, proxy.endpoint()), null, timeouts)) {
      if (c.setup().s3Checksums()) {
        proxy.withChecksum(ZIP, CONTENT).withChecksum(SUMS, (sha(CONTENT) + "  " + ZIP + "\n").getBytes());
      }
      S3ArtifactStore store = new S3ArtifactStore(clients, BUCKET, prefix);
      if (c.setup().part() != null) {
        // the earlier run fetched the version listed now
        Files.writeString(dest.resolve(ZIP + ".part.etag"), store.find(ZIP).orElseThrow().etag());
      }
      ArtifactCatalog catalog = ArtifactCatalog.of(store.list(), ArtifactName.defaultName(), "hello");
      c.faults().accept(proxy);
      ChecksumSources.Remembered remembered = c.setup().remembered() == null ? ChecksumSources.Remembered.NONE
          : new ChecksumSources.Remembered(Map.of(ZIP, c.setup().remembered()), "memory", "refresh it");
      ArtifactDownload.Request request = new ArtifactDownload.Request(new ArtifactFilter("3f9c2e1", List.of(), false), dest, c.requireChecksum(), null);

      CrossbatchException failure = null;
      ArtifactDownload.Result result = null;
      try {
        result = ArtifactDownload.run(store, catalog, commit -> remembered, request, new Downloader.Options(2, ATTEMPTS, Duration.ZERO), d -> { },
            dev.crossbatch.core.io.OutputLock.Waiting.refuse(java.time.Clock.systemUTC()), new Downloader.Listener() { });
      } catch (CrossbatchException e) {
        failure = e;
      }

      wrongUnderFinalName.addAndGet(wrongFiles(dest));
      assertThat(wrongFiles(dest)).as("files with wrong bytes under a final name").isZero();
      if (c.expected() == null) {
        assertThat(failure).as("no error").isNull();
        assertThat(dest.resolve(ZIP)).hasBinaryContent(CONTENT);
        assertThat(result.outcomes().get(0).verified()).isEqualTo(c.verified());
        if (c.verified()) {
          assertThat(dest.resolve(Checksums.FILE)).hasContent(sha(CONTENT) + "  " + ZIP);
        } else {
          assertThat(dest.resolve(Checksums.FILE)).as("an unverified file is never listed").doesNotExist();
          assertThat(proxy.objectGets(".zip")).as("never resumed without a SHA-256").allMatch(g -> g.startsWith("Range=;"));
        }
      } else {
        assertThat(failure).as("an error").isNotNull();
        assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(c.expected());
        assertThat(failure.getMessage()).contains(c.message());
        assertThat(dest.resolve(ZIP)).doesNotExist();
        assertThat(dest.resolve(Checksums.FILE)).doesNotExist();
      }
    }
  }

  /** Files under a final name (not .part) whose bytes are not the object's, or a SHA256SUMS naming another SHA-256. */
  static int wrongFiles(Path dest) throws IOException {
    int wrong = 0;
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dest)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.equals(ZIP) && !java.util.Arrays.equals(Files.readAllBytes(f), CONTENT)) {
        wrong++;
      }
      if (name.equals(Checksums.FILE) && !Files.readString(f).equals(sha(CONTENT) + "  " + ZIP + "\n")) {
        wrong++;
      }
    }
    return wrong;
  }
}
