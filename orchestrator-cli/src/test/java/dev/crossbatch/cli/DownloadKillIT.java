package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.aws.FaultyProxy;
import dev.crossbatch.core.aws.S3Server;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed launcher killed with SIGKILL in the middle of a download, then run again: no file
 * ever has its final name before it is whole and verified, and the second run resumes the part
 * file with a Range from where it stopped, pinned to the same version with If-Match.
 */
class DownloadKillIT {
  static final Path LAUNCHER = Path.of("..").toAbsolutePath().normalize().resolve("crossbatch");
  static final String ZIP = "hello_linux_amd64_3f9c2e1.zip";
  static final int SIZE = 16 << 20;

  @TempDir Path dir;
  S3Server s3;
  FaultyProxy proxy;
  byte[] content;

  @BeforeEach
  void bucket() throws Exception {
    s3 = S3Server.start();
    s3.bucket("releases");
    content = new byte[SIZE];
    new Random(7).nextBytes(content);
    s3.put("releases", "hello/" + ZIP, content);
    s3.put("releases", "hello/hello_3f9c2e1_SHA256SUMS", (sha(content) + "  " + ZIP + "\n").getBytes());
    proxy = new FaultyProxy(s3.port());
    Files.writeString(dir.resolve("crossbatch.yml"), "name: hello\nplatforms: [linux/amd64]\n"
        + "codebuild:\n  region: us-east-1\n  bucket: releases\n  prefix: hello\n");
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    s3.close();
  }

  static String sha(byte[] bytes) {
    return HexFormat.of().formatHex(Checksums.sha256(bytes));
  }

  ProcessBuilder download() {
    ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "artifacts", "download", "--commit", "3f9c2e1", "--dest", "got",
        "--endpoint-url", proxy.endpoint().toString()).directory(dir.toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
    return pb;
  }

  @Test
  void killedMidFile_leavesOnlyThePartFile_andTheNextRunResumesItToAVerifiedFile() throws Exception {
    proxy.damage(FaultyProxy.Fault.SLOW, ZIP, 2 << 20, 1); // 2 MiB at full speed, then slowly
    Path part = dir.resolve("got/" + ZIP + ".part");
    Process first = download().start();
    dev.crossbatch.core.testing.Await.until("3 MiB in the part file", () -> !first.isAlive() || Files.exists(part) && Files.size(part) > (3 << 20));
    assertThat(first.isAlive()).as("still downloading: " + Files.readString(dir.resolve("out.txt"))).isTrue();
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isEqualTo(128 + 9);

    long kept = Files.size(part);
    assertThat(kept).isBetween(3L << 20, (long) SIZE - 1);
    assertThat(dir.resolve("got/" + ZIP)).doesNotExist();
    assertThat(dir.resolve("got/SHA256SUMS")).doesNotExist();
    assertThat(dir.resolve("got/" + ZIP + ".part.etag")).exists();

    Process second = download().start();
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
    assertThat(dir.resolve("got/" + ZIP)).hasBinaryContent(content);
    assertThat(dir.resolve("got/SHA256SUMS")).hasContent(sha(content) + "  " + ZIP);
    try (var files = Files.list(dir.resolve("got"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(ZIP, "SHA256SUMS");
    }
    List<String> gets = proxy.objectGets(".zip").stream().filter(g -> !g.isEmpty()).toList();
    String resumed = gets.get(gets.size() - 1);
    assertThat(resumed).startsWith("Range=bytes=").contains("; If-Match=");
    long from = Long.parseLong(resumed.substring("Range=bytes=".length(), resumed.indexOf('-')));
    assertThat(from).as("resumed where the killed run's part file ended, not from 0").isEqualTo(kept);
    assertThat(new File(dir.toFile(), "got/" + ZIP + ".part")).doesNotExist();
  }
}
