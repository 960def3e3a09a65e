package dev.crossbatch.cli;

import static dev.crossbatch.core.aws.CodeBuildWire.batch;
import static dev.crossbatch.core.aws.CodeBuildWire.batches;
import static dev.crossbatch.core.aws.CodeBuildWire.build;
import static dev.crossbatch.core.aws.CodeBuildWire.builds;
import static dev.crossbatch.core.aws.CodeBuildWire.ok;
import static dev.crossbatch.core.aws.CodeBuildWire.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.aws.CodeBuildWire.Group;
import dev.crossbatch.core.aws.CodeBuildWire;
import dev.crossbatch.core.aws.FakeCredentials;
import dev.crossbatch.core.aws.S3Server;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crossbatch release} on CodeBuild: CodeBuild's JSON protocol on WireMock and the artifact
 * bucket on S3Proxy, each on its own loopback endpoint (AWS_ENDPOINT_URL_CODEBUILD and
 * AWS_ENDPOINT_URL_S3, given to the SDK as the system properties they stand for).
 */
@ExtendWith(FakeCredentials.class)
class CodeBuildReleaseCliTest {
  static final String PROJECT = "hello-release";
  static final String ID = PROJECT + ":6f1c2a4e-9b7d-4c1e-8a2f-3d5e7b9c1a20";
  static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8"; // resolvedSourceVersion in CodeBuildWire's batches
  static final List<String> SIX = List.of("linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64", "windows_amd64", "windows_arm64");
  static final ObjectMapper JSON = new ObjectMapper();
  static S3Server s3;

  @TempDir Path dir;
  Path repo;
  String bucket;
  CodeBuildWire wire;
  final VirtualTime time = new VirtualTime(Instant.parse("2026-11-22T12:00:00Z"));

  @BeforeAll
  static void s3() throws Exception {
    s3 = S3Server.start();
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  @BeforeEach
  void example(org.junit.jupiter.api.TestInfo test) throws Exception {
    // one bucket per test, named by the test, not by the order tests run in: the JSON golden holds its name
    bucket = "hello-artifacts-" + Integer.toHexString(test.getDisplayName().hashCode());
    s3.bucket(bucket);
    repo = Files.createDirectories(dir.resolve("hello"));
    Example.committedCopy(repo, "\ncodebuild:\n  project: hello-release\n  region: us-east-1\n  bucket: " + bucket + "\n  prefix: releases\n");
    wire = new CodeBuildWire();
    System.setProperty("aws.endpointUrlCodeBuild", wire.endpoint().toString());
    System.setProperty("aws.endpointUrlS3", s3.endpoint().toString());
  }

  @AfterEach
  void stop() {
    System.clearProperty("aws.endpointUrlCodeBuild");
    System.clearProperty("aws.endpointUrlS3");
    wire.close();
  }

  Cli.Run cli(String... args) {
    return cli(Interrupts.manual(), time.sleeper(), args);
  }

  Cli.Run cli(Interrupts interrupts, dev.crossbatch.core.time.Sleeper sleeper, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(repo, new PrintWriter(out), new PrintWriter(err), false, false, System.getenv(), time.clock(),
        sleeper, interrupts);
    int exit = Main.run(context, args);
    return new Cli.Run(exit, out.toString(), err.toString());
  }

  /** A real zip, as a build's archive step makes one (its SBOM is read from it), the same bytes each time. */
  static byte[] zip(String platform) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry("hello.txt");
      entry.setTime(315532800000L);
      zip.putNextEntry(entry);
      zip.write(("the zip of " + platform + "\n").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String sha(byte[] bytes) {
    return HexFormat.of().formatHex(Checksums.sha256(bytes));
  }

  static String key(String platform) {
    return "releases/hello_" + platform + "_9fceb02.zip";
  }

  /** CodeBuild starts the batch, reports it SUCCEEDED (or as told) at the first look, and each build's zip with its SHA-256. */
  void batchEnds(String status, String failing) {
    List<Group> running = SIX.stream().map(p -> Group.of(p, "PENDING")).toList();
    List<Group> ended = SIX.stream().map(p -> new Group(p, p.equals(failing) ? "FAILED" : "SUCCEEDED", 0,
        p.equals(failing) ? null : "arn:aws:s3:::" + bucket + "/" + key(p))).toList();
    wire.answer("StartBuildBatch", ok(wrapped(batch(ID, "IN_PROGRESS", "SUBMITTED", false, running))));
    wire.answer("BatchGetBuildBatches", ok(batches(batch(ID, status, status, true, ended))));
    List<Map<String, Object>> details = new ArrayList<>();
    for (int i = 0; i < SIX.size(); i++) {
      String p = SIX.get(i);
      Map<String, Object> b = build(PROJECT, i + 1, p.equals(failing) ? "FAILED" : "SUCCEEDED");
      if (!p.equals(failing)) {
        b.put("artifacts", Map.of("location", "arn:aws:s3:::" + bucket + "/" + key(p), "sha256sum", sha(zip(p)), "md5sum", "00"));
      }
      details.add(b);
    }
    wire.answer("BatchGetBuilds", ok(builds(details)));
  }

  static void deleteTree(Path root) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  void uploadZips() {
    SIX.forEach(p -> s3.put(bucket, key(p), zip(p)));
  }

  @Test
  void release_startsFollowsAndCollects_eachZipVerifiedByCodeBuild_withSumsAndManifestInDist() throws Exception {
    batchEnds("SUCCEEDED", null);
    uploadZips();

    Cli.Run run = cli("release");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(wire.operations()).containsExactly("StartBuildBatch", "BatchGetBuildBatches", "BatchGetBuilds");
    Path dist = repo.resolve("dist");
    for (String p : SIX) {
      assertThat(dist.resolve(key(p))).hasBinaryContent(zip(p));
    }
    String sums = Files.readString(dist.resolve("SHA256SUMS"));
    assertThat(sums.lines()).hasSize(13) // 6 zips, their SBOMs, the provenance
        .contains(sha(zip("darwin_arm64")) + "  releases/hello_darwin_arm64_9fceb02.zip")
        .anyMatch(l -> l.endsWith("  releases/hello_darwin_arm64_9fceb02.zip.cdx.json"))
        .anyMatch(l -> l.endsWith("  hello_9fceb02.intoto.jsonl"));
    assertThat(Processes.run(dist, "sha256sum", "--quiet", "-c", "SHA256SUMS").exit()).isZero();
    JsonNode manifest = JSON.readTree(dist.resolve("manifest.json").toFile());
    assertThat(manifest.get("backend").asText()).isEqualTo("codebuild");
    assertThat(manifest.get("batch").asText()).isEqualTo(ID);
    assertThat(manifest.get("commit").asText()).isEqualTo(COMMIT);
    assertThat(manifest.get("artifacts")).hasSize(6);
    assertThat(manifest.get("artifacts").get(1).get("platform").asText()).isEqualTo("linux/arm64");
    assertThat(manifest.get("artifacts").get(1).get("build").asText()).isEqualTo(PROJECT + ":00000002-0000-4000-8000-000000000000");
    assertThat(run.out()).startsWith("started " + ID + " on CodeBuild project hello-release, 6 builds\n")
        .endsWith("released hello from commit 9fceb02 on CodeBuild: 6 zips, dist/SHA256SUMS, dist/manifest.json\n");
    try (Stream<Path> left = Files.walk(dist)) {
      assertThat(left.map(Path::toString)).noneMatch(f -> f.endsWith(".part") || f.endsWith(".etag"));
    }
    try (Stream<Path> files = Files.list(dist)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("releases", "SHA256SUMS", "manifest.json",
          "hello_9fceb02.intoto.jsonl", "report.html");
    }
    // the report links each zip where the release put it, under its S3 key
    assertThat(Files.readString(dist.resolve("report.html"))).contains("<a href=\"releases/hello_linux_amd64_9fceb02.zip\">");
    try (Stream<Path> unused = Stream.empty()) {
    }
    // the provenance of a CodeBuild release: the batch's ARN as builder, each build by its ARN
    List<String> lines = Files.readAllLines(dist.resolve("hello_9fceb02.intoto.jsonl"));
    assertThat(lines).hasSize(6); // one statement per archive
    JsonNode statement = JSON.readTree(java.util.Base64.getDecoder().decode(JSON.readTree(lines.get(1)).get("payload").asText()));
    String account = "arn:aws:codebuild:us-east-1:" + dev.crossbatch.core.aws.CodeBuildWire.ACCOUNT;
    assertThat(statement.at("/subject/0/name").asText()).isEqualTo("releases/hello_linux_arm64_9fceb02.zip");
    assertThat(statement.at("/predicate/runDetails/builder/id").asText()).isEqualTo(account + ":build-batch/" + ID);
    assertThat(statement.at("/predicate/runDetails/byproducts/0/uri").asText())
        .isEqualTo(account + ":build/" + PROJECT + ":00000002-0000-4000-8000-000000000000");
    assertThat(statement.at("/predicate/buildDefinition/internalParameters/backend").asText()).isEqualTo("codebuild");
  }

  @Test
  void release_publish_uploadsSumsAndManifestBesideTheZips_andArtifactsDownloadVerifiesByThem() throws Exception {
    batchEnds("SUCCEEDED", null);
    uploadZips();

    Cli.Run run = cli("release", "--publish");
    deleteTree(repo.resolve(".crossbatch")); // as on another machine, which never followed the batch
    Cli.Run download = cli("artifacts", "download", "--commit", "9fceb02", "--platform", "linux/arm64", "--dest", "got", "--output", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).endsWith("published s3://" + bucket + "/releases/hello_9fceb02_SHA256SUMS\n"
        + "published s3://" + bucket + "/releases/hello_9fceb02_manifest.json\n");
    String published = new String(s3.admin().getObjectAsBytes(g -> g.bucket(bucket).key("releases/hello_9fceb02_SHA256SUMS")).asByteArray());
    assertThat(published).contains(sha(zip("linux_arm64")) + "  hello_linux_arm64_9fceb02.zip\n").hasLineCount(13);
    for (String beside : List.of("releases/hello_linux_arm64_9fceb02.zip.cdx.json", "releases/hello_9fceb02.intoto.jsonl")) {
      assertThat(s3.admin().getObjectAsBytes(g -> g.bucket(bucket).key(beside)).asByteArray()).as(beside)
          .isEqualTo(Files.readAllBytes(repo.resolve("dist").resolve(beside.endsWith(".jsonl") ? "hello_9fceb02.intoto.jsonl" : beside)));
    }
    assertThat(download.exit()).as(download.err()).isZero();
    JsonNode got = JSON.readTree(download.out()).get(0);
    assertThat(got.get("verifiedBy").asText()).isEqualTo("s3://" + bucket + "/releases/hello_9fceb02_SHA256SUMS");
    assertThat(repo.resolve("got/hello_linux_arm64_9fceb02.zip")).hasBinaryContent(zip("linux_arm64"));
  }

  @Test
  void release_signed_signsDistAndWhatItPublishes_withManifestLast_andMinisignVerifiesBoth() throws Exception {
    batchEnds("SUCCEEDED", null);
    uploadZips();
    Path keys = Files.createDirectories(dir.resolve("keys"));
    dev.crossbatch.core.signing.Minisign.SecretKey key = dev.crossbatch.core.signing.Minisign.generate(new java.security.SecureRandom());
    Files.writeString(keys.resolve("release.key"), dev.crossbatch.core.signing.Minisign.secretKeyFile(key, null, new java.security.SecureRandom(), 0, 0));
    Files.writeString(keys.resolve("release.pub"), key.pub().file());

    Cli.Run run = cli("release", "--publish", "--sign-key", keys.resolve("release.key").toString());

    assertThat(run.exit()).as(run.err()).isZero();
    String base = "s3://" + bucket + "/releases/hello_9fceb02_";
    assertThat(run.out()).contains("published " + base + "SHA256SUMS\npublished " + base + "SHA256SUMS.minisig\npublished " + base
        + "manifest.json.minisig\npublished " + base + "manifest.json\n")
        .contains("signed dist/SHA256SUMS.minisig, dist/manifest.json.minisig with key " + key.pub().id());
    Path got = Files.createDirectories(dir.resolve("published"));
    for (String name : List.of("SHA256SUMS", "SHA256SUMS.minisig", "manifest.json", "manifest.json.minisig")) {
      Files.write(got.resolve("hello_9fceb02_" + name), s3.admin().getObjectAsBytes(g -> g.bucket(bucket).key("releases/hello_9fceb02_" + name)).asByteArray());
    }
    String pub = keys.resolve("release.pub").toString();
    assertThat(Processes.run(got, "minisign", "-Vm", "hello_9fceb02_SHA256SUMS", "-p", pub).exit()).isZero();
    assertThat(Processes.run(got, "minisign", "-Vm", "hello_9fceb02_manifest.json", "-p", pub).exit()).isZero();
    assertThat(Processes.run(repo.resolve("dist"), "minisign", "-Vm", "SHA256SUMS", "-p", pub).exit()).isZero();

    deleteTree(repo.resolve(".crossbatch")); // as on another machine: only the bucket and the public key
    Cli.Run download = cli("artifacts", "download", "--commit", "9fceb02", "--platform", "linux/arm64", "--dest", "got", "--verify-key", pub,
        "--output", "json");
    assertThat(download.exit()).as(download.err()).isZero();
    assertThat(JSON.readTree(download.out()).get(0).get("verifiedBy").asText())
        .isEqualTo("s3://" + bucket + "/releases/hello_9fceb02_SHA256SUMS (signed by " + key.pub().id() + ")");
    assertThat(JSON.readTree(cli("artifacts", "list", "--output", "json").out()).findValuesAsText("release")).containsOnly("complete");

    // publishing that stopped before its last upload: everything but the manifest is there
    s3.admin().deleteObject(d -> d.bucket(bucket).key("releases/hello_9fceb02_manifest.json"));
    Cli.Run list = cli("artifacts", "list");
    Cli.Run refused = cli("artifacts", "download", "--commit", "9fceb02", "--dest", "incomplete", "--verify-key", pub);
    Cli.Run noted = cli("artifacts", "download", "--commit", "9fceb02", "--platform", "linux/amd64", "--dest", "noted");

    assertThat(list.out()).contains("9fceb02 (incomplete)  hello_linux_arm64_9fceb02.zip");
    assertThat(list.err()).contains("warning: the release of commit 9fceb02 is incomplete: no manifest of it in s3://" + bucket);
    assertThat(refused.exit()).isEqualTo(4);
    assertThat(refused.err()).contains("the release of commit 9fceb02 in s3://" + bucket + "/releases/ is incomplete");
    assertThat(repo.resolve("incomplete")).doesNotExist();
    assertThat(noted.exit()).as(noted.err()).isZero();
    assertThat(noted.err()).contains("note: the release of commit 9fceb02 in s3://" + bucket + "/releases/ is incomplete");
  }

  @Test
  void download_ofACommitWhoseBatchWasFollowedHere_holdsEachZipToCodeBuildsSha256() throws Exception {
    batchEnds("SUCCEEDED", null);
    uploadZips();
    s3.put(bucket, key("linux_arm64"), "PK replaced after the build".getBytes(StandardCharsets.UTF_8));

    Cli.Run watched = cli("start", "--wait");
    Cli.Run good = cli("artifacts", "download", "--commit", "9fceb02", "--platform", "linux/amd64", "--dest", "got", "--output", "json");
    Cli.Run bad = cli("artifacts", "download", "--commit", "9fceb02", "--platform", "linux/arm64", "--dest", "got");

    assertThat(watched.exit()).as(watched.err()).isZero();
    assertThat(repo.resolve(".crossbatch/codebuild/hello-release/sha256/9fceb02")).content().hasLineCount(6)
        .contains(sha(zip("windows_arm64")) + "  hello_windows_arm64_9fceb02.zip\n");
    assertThat(good.exit()).as(good.err()).isZero();
    assertThat(JSON.readTree(good.out()).get(0).get("verifiedBy").asText()).isEqualTo("CodeBuild");
    assertThat(bad.exit()).isEqualTo(4);
    assertThat(bad.err()).contains("crossbatch: hello_linux_arm64_9fceb02.zip was damaged on each of 4 attempts, last: SHA-256 ")
        .contains(" is not " + sha(zip("linux_arm64")) + " (CodeBuild)");
    assertThat(repo.resolve("got/hello_linux_arm64_9fceb02.zip")).doesNotExist();
  }

  @Test
  void release_outputJson_isOneDocument_withTheBatchAndWhatWasWritten() throws Exception {
    batchEnds("SUCCEEDED", null);
    uploadZips();

    Cli.Run run = cli("release", "--output", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("batch").asText()).isEqualTo(ID);
    assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(json.get("builds")).hasSize(6);
    assertThat(json.get("checksums").asText()).isEqualTo(repo.resolve("dist/SHA256SUMS").toString());
    assertThat(json.get("manifest").asText()).isEqualTo(repo.resolve("dist/manifest.json").toString());
    assertThat(json.get("published")).isEmpty();
    JsonGolden.assertMatches("release-codebuild", run.out(), dir, Processes.run(repo, "git", "rev-parse", "--short=7", "HEAD").output().trim());
  }

  @Test
  void release_interruptedWhileDownloading_exits130_withNoSums_andSaysHowToGetTheZips() throws Exception {
    batchEnds("SUCCEEDED", null);
    uploadZips();
    s3.put(bucket, key("linux_amd64"), "PK replaced".getBytes(StandardCharsets.UTF_8)); // so the download waits to retry
    Interrupts interrupts = Interrupts.manual();

    Cli.Run run = cli(interrupts, wait -> {
      interrupts.interrupt(); // Ctrl-C while a download waits to try again
      if (!new java.util.concurrent.CountDownLatch(1).await(60, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new AssertionError("the Ctrl-C never reached the waiting download");
      }
    }, "release");
    Thread.interrupted(); // the CLI leaves this thread's interrupt flag set, as a Ctrl-C'ed process would

    assertThat(run.exit()).isEqualTo(130);
    assertThat(run.err()).endsWith("crossbatch: release interrupted while downloading the zips of batch " + ID + ", which succeeded; no SHA256SUMS was written\n"
        + "  get its zips with 'crossbatch artifacts download --commit 9fceb02' (checked against CodeBuild's SHA-256, kept here)\n");
    assertThat(repo.resolve("dist/" + key("linux_amd64"))).doesNotExist();
    assertThat(repo.resolve("dist/SHA256SUMS")).doesNotExist();
    assertThat(repo.resolve("dist/manifest.json")).doesNotExist();
    assertThat(repo.resolve(".crossbatch/codebuild/hello-release/sha256/9fceb02")).content().hasLineCount(6);
  }

  @Test
  void release_ofAFailedBatch_exits1_downloadsNothing_andWritesNoSums() throws Exception {
    batchEnds("FAILED", "windows_arm64");
    uploadZips();

    Cli.Run run = cli("release");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("windows/arm64").endsWith("crossbatch: release failed: batch " + ID
        + " failed, 1 of 6 builds did not succeed; nothing was downloaded\n");
    try (Stream<Path> files = Files.list(repo.resolve("dist"))) {
      assertThat(files.map(f -> f.getFileName().toString())).as("no zip, no SHA256SUMS: only the page that says what failed")
          .containsExactly("report.html");
    }
    assertThat(Files.readString(repo.resolve("dist/report.html"))).contains("<h3>windows/arm64: FAILED");
  }

  @Test
  void release_whenAZipIsNotWhatCodeBuildHashed_exits4NamingIt_andKeepsNoSums() throws Exception {
    batchEnds("SUCCEEDED", null);
    uploadZips();
    s3.put(bucket, key("darwin_amd64"), "PK tampered".getBytes(StandardCharsets.UTF_8));

    Cli.Run run = cli("release");

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).contains("crossbatch: releases/hello_darwin_amd64_9fceb02.zip was damaged on each of 4 attempts, last: SHA-256 ")
        .contains(" is not " + sha(zip("darwin_amd64")) + " (CodeBuild)");
    assertThat(repo.resolve("dist/" + key("darwin_amd64"))).doesNotExist();
    assertThat(repo.resolve("dist/SHA256SUMS")).doesNotExist();
    assertThat(repo.resolve("dist/manifest.json")).doesNotExist();
  }

  @Test
  void release_dryRun_printsThePlan_andCallsNothing_writesNothing() throws Exception {
    Cli.Run run = cli("release", "--dry-run", "--publish");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(wire.operations()).isEmpty();
    String sha7 = Processes.run(repo, "git", "rev-parse", "--short=7", "HEAD").output().trim();
    assertThat(run.out()).startsWith("would release hello ").contains(" from commit " + sha7 + " on CodeBuild project hello-release, 6 builds:\n"
        + "  linux_amd64\n").endsWith("and publish hello_" + sha7 + "_SHA256SUMS and hello_" + sha7 + "_manifest.json next to the zips in s3://"
        + bucket + "/releases/\nnothing was started or written (--dry-run)\n");
    Cli.Run json = cli("release", "--dry-run", "--publish", "--output", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonGolden.assertMatches("release-codebuild-dry-run", json.out().replace(bucket, "<bucket>"), dir, sha7);
    assertThat(wire.operations()).isEmpty();
    assertThat(repo.resolve("dist")).doesNotExist();
    assertThat(repo.resolve(".crossbatch")).doesNotExist();
    assertThat(Processes.run(repo, "git", "status", "--porcelain").output()).isEmpty();
  }

  @Test
  void publish_andTimeout_onALocalRelease_areUsageErrors() {
    Cli.Run publish = cli("release", "--local", "--publish");
    Cli.Run timeout = cli("release", "--local", "--timeout", "5");

    assertThat(publish.exit()).isEqualTo(2);
    assertThat(publish.err()).startsWith("crossbatch: --publish uploads SHA256SUMS and manifest.json next to the zips in S3; a local release keeps them in dist/\n");
    assertThat(timeout.exit()).isEqualTo(2);
    assertThat(timeout.err()).startsWith("crossbatch: --timeout is for releases on CodeBuild\n");
    assertThat(repo.resolve("dist")).doesNotExist();
  }
}
