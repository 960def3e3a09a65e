package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.aws.FakeCredentials;
import dev.crossbatch.core.aws.S3Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** artifacts list and download through the CLI, against a real S3-protocol server on loopback. */
@ExtendWith(FakeCredentials.class)
class ArtifactsCliTest {
  private static final List<String> PLATFORMS = List.of("linux_amd64", "linux_arm64", "darwin_arm64", "windows_amd64");
  private static S3Server s3;

  @TempDir Path tmp;
  private Path project;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void fill() throws Exception {
    s3 = S3Server.start();
    s3.bucket("releases");
    for (String platform : PLATFORMS) {
      s3.put("releases", "hello/old/hello_" + platform + "_1111111.zip", zip("hello", "old " + platform));
    }
    Thread.sleep(1100); // S3 keeps modification times to the second: the next commit is newer
    StringBuilder sums = new StringBuilder();
    for (String platform : PLATFORMS) {
      byte[] zip = zip("hello", "new " + platform);
      s3.put("releases", "hello/hello_" + platform + "_3f9c2e1.zip", zip);
      sums.append(sha(zip)).append("  hello_").append(platform).append("_3f9c2e1.zip\n");
    }
    s3.put("releases", "hello/hello_3f9c2e1_SHA256SUMS", sums.toString().getBytes());
    s3.put("releases", "hello/notes.txt", "junk".getBytes());
    s3.put("releases", "evil/hello_linux_amd64_badbad0.zip", zip("../escaped", "pwned"));
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @BeforeEach
  void project() throws IOException {
    project = Files.createDirectories(tmp.resolve("project"));
    Files.writeString(project.resolve("crossbatch.yml"), "name: hello\nplatforms: [linux/amd64, linux/arm64, darwin/arm64, windows/amd64]\n"
        + "codebuild:\n  project: hello-release\n  region: us-east-1\n  bucket: releases\n  prefix: hello\n");
  }

  private static byte[] zip(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content.getBytes());
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static String sha(byte[] bytes) {
    return HexFormat.of().formatHex(Checksums.sha256(bytes));
  }

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint-url", s3.endpoint().toString()));
    int exit = Main.run(CliContext.plain(project, new PrintWriter(out), new PrintWriter(err)), all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private List<String> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void list_byCommitAndPlatform_isExact() {
    Run run = cli("artifacts", "list", "--commit", "3f9c2e1", "--platform", "linux/arm64", "--platform", "windows/amd64");

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("PLATFORM       COMMIT   FILE");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("linux/arm64    3f9c2e1  hello_linux_arm64_3f9c2e1.zip");
    assertThat(lines.get(2)).startsWith("windows/amd64  3f9c2e1  hello_windows_amd64_3f9c2e1.zip");
  }

  @Test
  void list_everything_newestCommitFirst_asJson() throws Exception {
    Run run = cli("artifacts", "list", "--output", "json");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json).hasSize(8);
    assertThat(json.get(0).get("commit").asText()).isEqualTo("3f9c2e1");
    assertThat(json.get(7).get("commit").asText()).isEqualTo("1111111");
    assertThat(json.get(7).get("location").asText()).isEqualTo("s3://releases/hello/old/hello_windows_amd64_1111111.zip");
  }

  @Test
  void download_givesExactlyTheRequestedFiles_withAValidSha256sums() throws Exception {
    Run run = cli("artifacts", "download", "--commit", "3f9c2e1", "--platform", "linux/arm64", "--platform", "darwin/arm64", "--dest", "bin");

    assertThat(run.exit()).as(run.err()).isZero();
    Path bin = project.resolve("bin");
    assertThat(files(bin)).containsExactly("SHA256SUMS", "hello_darwin_arm64_3f9c2e1.zip", "hello_linux_arm64_3f9c2e1.zip");
    assertThat(run.out()).contains("downloaded hello_linux_arm64_3f9c2e1.zip").contains("sha256 ok (s3://releases/hello/hello_3f9c2e1_SHA256SUMS)");
    Process check = new ProcessBuilder("sha256sum", "-c", "SHA256SUMS").directory(bin.toFile()).redirectErrorStream(true).start();
    assertThat(new String(check.getInputStream().readAllBytes())).isEqualTo("hello_darwin_arm64_3f9c2e1.zip: OK\nhello_linux_arm64_3f9c2e1.zip: OK\n");
    assertThat(check.waitFor()).isZero();
  }

  @Test
  void download_latest_withExtract_unpacksEachPlatformIntoItsFolder() throws Exception {
    Run run = cli("artifacts", "download", "--latest", "--dest", "out", "--extract", "--output", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    Path out = project.resolve("out");
    assertThat(Files.readString(out.resolve("linux_amd64/hello"))).isEqualTo("new linux_amd64");
    assertThat(Files.readString(out.resolve("windows_amd64/hello"))).isEqualTo("new windows_amd64");
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json).hasSize(4);
    assertThat(json.get(0).get("extractedTo").asText()).startsWith("out/");
  }

  @Test
  void aZipClimbingOut_isRefusedWithExit4_andNothingIsWrittenOutsideDest() throws Exception {
    Run run = cli("artifacts", "download", "--prefix", "evil", "--commit", "badbad0", "--dest", "unpacked", "--extract");

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).startsWith("crossbatch: refused to unpack hello_linux_amd64_badbad0.zip: entry '../escaped': the name climbs out with '..'");
    assertThat(files(project)).containsExactly("crossbatch.yml", "unpacked", "unpacked/SHA256SUMS", "unpacked/hello_linux_amd64_badbad0.zip");
    assertThat(files(tmp)).doesNotContain("escaped");
  }

  @Test
  void download_withoutACommit_orOfAPlatformNotBuilt_isAUsageError() {
    Run none = cli("artifacts", "download");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).startsWith("crossbatch: say which commit to download\n");

    Run missing = cli("artifacts", "download", "--commit", "3f9c2e1", "--platform", "linux/riscv64");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("crossbatch: commit 3f9c2e1 has no artifact for linux/riscv64\n");
  }

  @Test
  void aBucketThatDoesNotExist_isAnAwsError() {
    Run run = cli("artifacts", "list", "--bucket", "no-such-bucket");
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).startsWith("crossbatch: the bucket of s3://no-such-bucket/hello/ does not exist");
  }
}
