package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.aws.FakeCredentials;
import dev.crossbatch.core.aws.FaultyProxy.Fault;
import dev.crossbatch.core.aws.FaultyProxy;
import dev.crossbatch.core.aws.S3Server;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** artifacts download through the CLI when the network, the published files or the destination fail: the exit code says which. */
@ExtendWith(FakeCredentials.class)
class DownloadFaultsCliTest {
  static final String ZIP = "hello_linux_amd64_3f9c2e1.zip";
  static final byte[] CONTENT = new byte[200_000];
  static S3Server s3;

  @TempDir Path project;
  FaultyProxy proxy;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void fill() throws Exception {
    new Random(3).nextBytes(CONTENT);
    s3 = S3Server.start();
    s3.bucket("releases");
    s3.put("releases", "bare/" + ZIP, CONTENT);
    s3.put("releases", "sums/" + ZIP, CONTENT);
    s3.put("releases", "sums/hello_3f9c2e1_SHA256SUMS", (sha(CONTENT) + "  " + ZIP + "\n").getBytes());
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @BeforeEach
  void start() throws IOException {
    proxy = new FaultyProxy(s3.port());
    Files.writeString(project.resolve("crossbatch.yml"), "name: hello\nplatforms: [linux/amd64]\ncodebuild:\n  region: us-east-1\n  bucket: releases\n");
  }

  @AfterEach
  void close() throws IOException {
    proxy.close();
  }

  static String sha(byte[] bytes) {
    return HexFormat.of().formatHex(Checksums.sha256(bytes));
  }

  Run download(String prefix) {
    return downloadTo(prefix, "got");
  }

  Run downloadTo(String prefix, String dest) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = List.of("artifacts", "download", "--commit", "3f9c2e1", "--prefix", prefix, "--dest", dest,
        "--endpoint-url", proxy.endpoint().toString());
    CliContext context = new CliContext(project, new PrintWriter(out), new PrintWriter(err), false, false, System.getenv(),
        java.time.Clock.systemUTC(), d -> { }, Interrupts.manual());
    int exit = Main.run(context, args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  List<String> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  /**
   * The case that used to pass: S3's own CRC32 (no SHA-256 anyone could check against) fails after
   * the whole body is written, every time; the old retry "resumed" at full length, kept the part on
   * its size alone, listed its hash in SHA256SUMS and exited 0.
   */
  @Test
  void aByteFlippedInEveryGet_caughtOnlyByS3sCrc_isExit4_withNothingUnderTheName() throws Exception {
    proxy.withCrc32(ZIP, CONTENT).rule(Fault.FLIP, ".zip", CONTENT.length - 1, 99);

    Run run = download("bare");

    assertThat(run.exit()).as(run.err()).isEqualTo(4);
    assertThat(run.err()).contains("crossbatch: " + ZIP + " was damaged on each of 4 attempts, last: ")
        .contains("S3's checksum of the object does not match the bytes received");
    assertThat(files(project.resolve("got"))).isEmpty();
    assertThat(proxy.objectGets(".zip")).as("never resumed from damaged bytes").hasSize(4).allMatch(g -> g.startsWith("Range=;"));
  }

  @Test
  void withS3sChecksum_andNoSha256sums_theFileIsVerifiedByTheStore() throws Exception {
    proxy.withChecksum(ZIP, CONTENT).rule(Fault.FLIP, ".zip", 1000, 1);

    Run run = download("bare");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("sha256 ok (the store's checksum)");
    assertThat(project.resolve("got/" + ZIP)).hasBinaryContent(CONTENT);
    assertThat(project.resolve("got/SHA256SUMS")).hasContent(sha(CONTENT) + "  " + ZIP);
  }

  @Test
  void aDamagedPublishedSha256sums_isExit4NamingIt_neverNoChecksum() throws Exception {
    proxy.rule(Fault.FLIP, "SHA256SUMS", 64, 99); // the separator: the line no longer parses

    Run run = download("sums");

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).startsWith("crossbatch: s3://releases/sums/hello_3f9c2e1_SHA256SUMS is damaged: line 1 is not '<64 hex digits>  <file>' (read 4 times)\n");
    assertThat(files(project.resolve("got"))).isEmpty();
  }

  @Test
  void aPublishedSha256sumsCutShortOnEveryRead_isExit3NamingIt() throws Exception {
    proxy.rule(Fault.TRUNCATE, "SHA256SUMS", 30, 99);

    Run run = download("sums");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).startsWith("crossbatch: cannot read s3://releases/sums/hello_3f9c2e1_SHA256SUMS whole: ");
    assertThat(files(project.resolve("got"))).isEmpty();
  }

  @Test
  void connectionResetsThatUseUpTheRetries_areExit3_andTheNextRunResumes() throws Exception {
    proxy.rule(Fault.CUT, ".zip", 50_000, 1).rule(Fault.RESET, ".zip", 0, 3);

    Run run = download("sums");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("crossbatch: " + ZIP + " could not be downloaded whole after 4 attempts: ")
        .contains("it resumes where it stopped");
    assertThat(files(project.resolve("got"))).containsExactly(ZIP + ".part", ZIP + ".part.etag");

    long kept = Files.size(project.resolve("got/" + ZIP + ".part"));
    assertThat(kept).isEqualTo(50_000);
    Run again = download("sums");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(proxy.objectGets(".zip").get(proxy.objectGets(".zip").size() - 1)).startsWith("Range=bytes=" + kept + "-;");
    assertThat(project.resolve("got/" + ZIP)).hasBinaryContent(CONTENT);
  }

  @Test
  void aDestinationThatCannotBeWritten_isExit2WithTheSystemsReason_notADamagedObject() throws Exception {
    Run file = downloadTo("sums", "crossbatch.yml");
    assertThat(file.exit()).isEqualTo(2);
    assertThat(file.err()).startsWith("crossbatch: cannot create " + project.resolve("crossbatch.yml"));

    Run proc = downloadTo("sums", "/proc/self");
    assertThat(proc.exit()).isEqualTo(2);
    assertThat(proc.err()).startsWith("crossbatch: cannot ").doesNotContain("damaged");
  }

  /** A full disk, as /dev/full plays it: every write fails with ENOSPC. */
  @Test
  void aFullDisk_isExit2WithTheSystemsReason() throws Exception {
    Path got = Files.createDirectories(project.resolve("got"));
    Files.createSymbolicLink(got.resolve(ZIP + ".part.etag"), Path.of("/dev/full"));

    Run run = download("sums");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("crossbatch: cannot write " + got.resolve(ZIP + ".part.etag") + ": No space left on device\n")
        .contains("free space or pick a --dest that can be written");
    assertThat(got.resolve(ZIP)).doesNotExist();
  }
}
