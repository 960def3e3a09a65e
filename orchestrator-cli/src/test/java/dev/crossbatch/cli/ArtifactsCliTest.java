package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.cli.session.CliContext;
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
    java.time.Instant t = java.time.Instant.parse("2026-11-30T08:00:00Z");
    for (String platform : PLATFORMS) {
      s3.put("releases", "hello/old/hello_" + platform + "_1111111.zip", zip("hello", "old " + platform), t);
    }
    StringBuilder sums = new StringBuilder();
    for (String platform : PLATFORMS) {
      byte[] zip = zip("hello", "new " + platform);
      s3.put("releases", "hello/hello_" + platform + "_3f9c2e1.zip", zip, t.plusSeconds(60)); // the newer commit
      sums.append(sha(zip)).append("  hello_").append(platform).append("_3f9c2e1.zip\n");
    }
    s3.put("releases", "hello/hello_3f9c2e1_SHA256SUMS", sums.toString().getBytes());
    s3.put("releases", "hello/notes.txt", "junk".getBytes());
    s3.put("releases", "evil/hello_linux_amd64_badbad0.zip", zip("../escaped", "pwned"));
    // a commit published without a SHA256SUMS, and one whose SHA256SUMS does not name every zip
    s3.put("releases", "bare/hello_linux_amd64_0000001.zip", zip("hello", "bare"));
    s3.put("releases", "partial/hello_linux_amd64_0000002.zip", zip("hello", "listed"));
    s3.put("releases", "partial/hello_linux_arm64_0000002.zip", zip("hello", "not listed"));
    s3.put("releases", "partial/hello_0000002_SHA256SUMS", (sha(zip("hello", "listed")) + "  hello_linux_amd64_0000002.zip\n").getBytes());
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
      ZipEntry entry = new ZipEntry(name);
      entry.setTime(315_532_800_000L); // fixed, so the same content gives the same zip
      zip.putNextEntry(entry);
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
  void withoutCrossbatchYml_bucketAlone_listsAndDownloads_asTheAwsCliWould() throws Exception {
    Files.delete(project.resolve("crossbatch.yml"));

    Run list = cli("artifacts", "list", "--bucket", "releases", "--prefix", "hello", "--region", "us-east-1", "--output", "text");
    Run download = cli("artifacts", "download", "--bucket", "releases", "--prefix", "hello", "--region", "us-east-1",
        "--latest", "--platform", "linux/amd64", "--dest", "got");
    Run noBucket = cli("artifacts", "list");
    Run debug = cli("artifacts", "list", "--bucket", "releases", "--prefix", "hello", "--region", "us-east-1", "--debug");

    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out().lines().toList()).hasSize(8).allMatch(l -> l.matches("\\S+\t(3f9c2e1|1111111)\t\\S+\\.zip\t.*"));
    assertThat(download.exit()).as(download.err()).isZero();
    assertThat(files(project.resolve("got"))).containsExactly("SHA256SUMS", "hello_linux_amd64_3f9c2e1.zip");
    assertThat(download.out()).contains("sha256 ok (s3://releases/hello/hello_3f9c2e1_SHA256SUMS)");
    assertThat(noBucket.exit()).isEqualTo(2);
    assertThat(noBucket.err()).contains("no crossbatch.yml").contains("--bucket");
    assertThat(debug.err()).containsPattern("crossbatch: debug: > S3\\.ListObjectsV2 GET http://\\S+/releases/?\\?list-type=2&prefix=hello%2F\\S*\n")
        .containsPattern("crossbatch: debug: < S3\\.ListObjectsV2 200 in \\d+ ms( \\(request id \\S+\\))?\n")
        .doesNotContain("AKIDEXAMPLE", "Signature");
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
    // no source has a SHA-256 for it: it stays unverified and SHA256SUMS does not list it
    assertThat(files(project)).containsExactly("crossbatch.yml", "unpacked", "unpacked/hello_linux_amd64_badbad0.zip");
    assertThat(files(tmp)).doesNotContain("escaped");
  }

  @Test
  void aFileNoSourceHasASha256For_isDownloadedButSaidUnverified_andNeverListedInSha256sums() throws Exception {
    Run run = cli("artifacts", "download", "--prefix", "bare", "--commit", "0000001", "--dest", "got");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("downloaded hello_linux_amd64_0000001.zip").contains("UNVERIFIED (no SHA-256 known; size checked)")
        .contains("1 file in got: 0 verified, 1 UNVERIFIED");
    assertThat(run.err()).contains("crossbatch: warning: hello_linux_amd64_0000001.zip is UNVERIFIED");
    assertThat(files(project.resolve("got"))).containsExactly("hello_linux_amd64_0000001.zip");

    Run json = cli("artifacts", "download", "--prefix", "bare", "--commit", "0000001", "--dest", "got", "--output", "json");
    JsonNode row = new ObjectMapper().readTree(json.out()).get(0);
    assertThat(row.get("verified").asBoolean()).isFalse();
    assertThat(row.get("verifiedBy").isNull()).isTrue();
    assertThat(row.get("skipped").asBoolean()).as("an unverified file is fetched again, never taken on trust").isFalse();
  }

  @Test
  void requireChecksum_refusesAFileNoSourceKnows_beforeDownloadingAnything() throws Exception {
    Run run = cli("artifacts", "download", "--prefix", "bare", "--commit", "0000001", "--dest", "got", "--require-checksum");

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).startsWith("crossbatch: no SHA-256 is known for hello_linux_amd64_0000001.zip (--require-checksum); nothing was downloaded\n");
    assertThat(project.resolve("got")).doesNotExist();
  }

  @Test
  void whenASha256sumsExistsForTheCommit_aZipItDoesNotName_isRefusedByDefault() throws Exception {
    Run run = cli("artifacts", "download", "--prefix", "partial", "--commit", "0000002", "--dest", "got");

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).startsWith("crossbatch: no SHA-256 is known for hello_linux_arm64_0000002.zip, though s3://releases/partial/hello_0000002_SHA256SUMS exists");

    Run listed = cli("artifacts", "download", "--prefix", "partial", "--commit", "0000002", "--platform", "linux/amd64", "--dest", "got");
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(files(project.resolve("got"))).containsExactly("SHA256SUMS", "hello_linux_amd64_0000002.zip");
  }

  @Test
  void aLaterRun_neverTakesItsOwnSha256sumsForASource() throws Exception {
    assertThat(cli("artifacts", "download", "--commit", "3f9c2e1", "--platform", "linux/arm64", "--dest", "got").exit()).isZero();
    Path zip = project.resolve("got/hello_linux_arm64_3f9c2e1.zip");
    // the file and the local SHA256SUMS changed together: a consistent pair, but not what was published
    Files.write(zip, zip("hello", "tampered"));
    Files.writeString(project.resolve("got/SHA256SUMS"), sha(Files.readAllBytes(zip)) + "  hello_linux_arm64_3f9c2e1.zip\n");

    Run again = cli("artifacts", "download", "--commit", "3f9c2e1", "--platform", "linux/arm64", "--dest", "got");

    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("downloaded hello_linux_arm64_3f9c2e1.zip").contains("sha256 ok (s3://releases/hello/hello_3f9c2e1_SHA256SUMS)");
    assertThat(zip).hasBinaryContent(zip("hello", "new linux_arm64"));
  }

  @Test
  void download_withoutACommit_orOfAPlatformNotBuilt_isAUsageError() {
    Run none = cli("artifacts", "download");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).startsWith("crossbatch: say which release to download\n");

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

  @Test
  void bucketPrefixAndRegionFlags_followTheRulesOfCrossbatchYml() {
    Run dots = cli("artifacts", "list", "--bucket", "a..b");
    assertThat(dots.exit()).isEqualTo(2);
    assertThat(dots.err()).startsWith("crossbatch: --bucket 'a..b' is not a valid S3 bucket name: no '..'");
    Run slash = cli("artifacts", "list", "--prefix", "releases/");
    assertThat(slash.exit()).isEqualTo(2);
    assertThat(slash.err()).startsWith("crossbatch: --prefix 'releases/' must not start or end with '/'");
    Run region = cli("artifacts", "list", "--region", "moon-1");
    assertThat(region.exit()).isEqualTo(2);
    assertThat(region.err()).startsWith("crossbatch: --region moon-1: not an AWS region name");
  }
}
