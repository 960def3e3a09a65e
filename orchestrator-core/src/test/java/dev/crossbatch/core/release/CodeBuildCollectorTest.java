package dev.crossbatch.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactFilter;
import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.artifact.ChecksumSources;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.artifact.Downloader;
import dev.crossbatch.core.aws.AwsClients;
import dev.crossbatch.core.aws.AwsSettings;
import dev.crossbatch.core.aws.FakeCredentials;
import dev.crossbatch.core.aws.S3ArtifactStore;
import dev.crossbatch.core.aws.S3Server;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.platform.KnownPlatforms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Collecting a CodeBuild batch's zips from the S3 locations it reports, against S3Proxy on loopback. */
@ExtendWith(FakeCredentials.class)
class CodeBuildCollectorTest {
  static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static S3Server s3;
  static int bucketNumber;

  @TempDir Path dist;
  String bucket;
  AwsClients clients;
  Function<String, ArtifactStore> buckets;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3Server.start();
  }

  @AfterAll
  static void shutdown() throws Exception {
    s3.close();
  }

  @BeforeEach
  void freshBucket() {
    bucket = "artifacts-" + ++bucketNumber;
    s3.bucket(bucket);
    clients = new AwsClients(new AwsSettings("us-east-1", null, s3.endpoint()), null);
    Map<String, ArtifactStore> stores = new HashMap<>();
    buckets = b -> stores.computeIfAbsent(b, x -> new S3ArtifactStore(clients, x, ""));
  }

  @AfterEach
  void close() {
    clients.close();
  }

  static byte[] zip(String platform) {
    return ("PK zip of " + platform).getBytes(StandardCharsets.UTF_8);
  }

  static String sha(byte[] bytes) {
    return HexFormat.of().formatHex(Checksums.sha256(bytes));
  }

  /** Uploads each platform's zip under {@code folder} and returns builds that report them, with CodeBuild's SHA-256. */
  List<BuildRun> uploaded(String folder, String... platforms) {
    List<BuildRun> builds = new ArrayList<>();
    int n = 1;
    for (String p : platforms) {
      String key = folder + "hello_" + p + "_9fceb02.zip";
      s3.put(bucket, key, zip(p));
      builds.add(build(p, n++, "SUCCEEDED", "arn:aws:s3:::" + bucket + "/" + key, sha(zip(p))));
    }
    return builds;
  }

  static BuildRun build(String identifier, int n, String status, String location, String sha256) {
    Map<String, String> variables = KnownPlatforms.fromIdentifier(identifier).map(p -> p.goEnv()).orElse(Map.of());
    return new BuildRun(identifier, "hello-release:0000000" + n + "-0000-4000-8000-000000000000", status, "COMPLETED", T0, T0.plusSeconds(60),
        1, false, List.of(), variables, List.of(), location == null ? null : new BuildRun.Artifact(location, -1, sha256), null, null);
  }

  static BatchSnapshot batch(List<BuildRun> builds) {
    BuildRun source = new BuildRun(BuildRun.DOWNLOAD_SOURCE, "hello-release:src", "SUCCEEDED", "COMPLETED", T0, T0, 1, false, List.of(),
        Map.of(), List.of(), null, null, null);
    List<BuildRun> all = new ArrayList<>(List.of(source));
    all.addAll(builds);
    return new BatchSnapshot("hello-release:batch-1", "codebuild", "hello-release", "SUCCEEDED", "SUCCEEDED", COMMIT, COMMIT, "v1.0.0", false,
        T0, T0.plusSeconds(300), true, source, all, null);
  }

  Downloader.Options fast() {
    return new Downloader.Options(4, 2, Duration.ZERO);
  }

  @Test
  void locatesEachSucceededBuildsZip_whereCodeBuildSaysItIs_withCodeBuildsSha256() {
    List<BuildRun> builds = new ArrayList<>(uploaded("releases/hello/", "linux_amd64", "darwin_arm64"));
    builds.add(new BuildRun("windows_amd64", "hello-release:w", "FAILED", "COMPLETED", T0, T0, 1, true, List.of(),
        Map.of("GOOS", "windows", "GOARCH", "amd64"), List.of(), null, "ignored failure", null));

    List<CodeBuildCollector.Located> located = CodeBuildCollector.locate(batch(builds), buckets);

    assertThat(located).extracting(l -> l.build().identifier()).containsExactly("linux_amd64", "darwin_arm64");
    assertThat(located.get(0).location()).isEqualTo(new CodeBuildCollector.S3Location(bucket, "releases/hello/hello_linux_amd64_9fceb02.zip"));
    assertThat(located.get(0).object().size()).isEqualTo(zip("linux_amd64").length);
    assertThat(located.get(0).expected()).isEqualTo(new Downloader.Expected(sha(zip("linux_amd64")), "CodeBuild"));
  }

  @Test
  void downloadsIntoDistUnderTheKey_thenTheManifestListsEachZipWithItsBuild() throws Exception {
    BatchSnapshot batch = batch(uploaded("releases/hello/", "linux_amd64", "linux_arm64", "windows_amd64"));
    List<CodeBuildCollector.Located> located = CodeBuildCollector.locate(batch, buckets);

    CodeBuildCollector.Collected collected = CodeBuildCollector.download(located, dist, buckets, fast(), d -> { }, new Downloader.Listener() { });

    Path file = dist.resolve("releases/hello/hello_linux_arm64_9fceb02.zip");
    assertThat(file).hasBinaryContent(zip("linux_arm64"));
    assertThat(collected.outcomes()).extracting(Downloader.Outcome::verifiedBy).containsOnly("CodeBuild");
    Manifest.Entry entry = collected.artifacts().get(1);
    assertThat(entry.platform()).isEqualTo("linux/arm64");
    assertThat(entry.file()).isEqualTo("releases/hello/hello_linux_arm64_9fceb02.zip");
    assertThat(entry.sha256()).isEqualTo(sha(zip("linux_arm64")));
    assertThat(entry.build()).isEqualTo("hello-release:00000002-0000-4000-8000-000000000000");
    try (Stream<Path> files = Files.walk(dist)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> dist.relativize(p).toString()))
          .containsExactlyInAnyOrder("releases/hello/hello_linux_amd64_9fceb02.zip", "releases/hello/hello_linux_arm64_9fceb02.zip",
              "releases/hello/hello_windows_amd64_9fceb02.zip");
    }
  }

  /** A build that made its own tar.gz: CodeBuild reports its folder and no checksum; the archive and its .sha256 are in it. */
  BuildRun unpackaged(String folder, String platform, int n, boolean withSidecar, String sidecarSha) {
    String base = "hello_" + platform + "_9fceb02";
    String key = folder + base + "/" + base + ".tar.gz";
    s3.put(bucket, key, zip(platform));
    if (withSidecar) {
      s3.put(bucket, key + ".sha256", (sidecarSha + "  " + base + ".tar.gz\n").getBytes(StandardCharsets.UTF_8));
    }
    return build(platform, n, "SUCCEEDED", "arn:aws:s3:::" + bucket + "/" + folder + base, null);
  }

  @Test
  void anArchiveTheBuildMade_isFoundInTheFolderCodeBuildReports_andVerifiedByItsSha256File() throws Exception {
    BatchSnapshot batch = batch(List.of(unpackaged("releases/", "linux_amd64", 1, true, sha(zip("linux_amd64"))),
        unpackaged("releases/", "linux_arm64", 2, true, sha(zip("linux_arm64")))));

    List<CodeBuildCollector.Located> located = CodeBuildCollector.locate(batch, buckets);
    CodeBuildCollector.Collected collected = CodeBuildCollector.download(located, dist, buckets, fast(), d -> { }, new Downloader.Listener() { });

    assertThat(located.get(0).location().key()).isEqualTo("releases/hello_linux_amd64_9fceb02/hello_linux_amd64_9fceb02.tar.gz");
    assertThat(dist.resolve("releases/hello_linux_arm64_9fceb02/hello_linux_arm64_9fceb02.tar.gz")).hasBinaryContent(zip("linux_arm64"));
    assertThat(collected.outcomes()).extracting(Downloader.Outcome::verifiedBy)
        .allMatch(by -> by.endsWith(".tar.gz.sha256"));
  }

  @Test
  void anArchiveTheBuildMade_withoutItsSha256File_orNotTheOneItNames_isNotCollected() {
    BatchSnapshot bare = batch(List.of(unpackaged("", "linux_amd64", 1, false, null)));
    assertError(bare, ErrorKind.INTEGRITY, "has no .sha256 beside it, so nothing can verify it");

    BatchSnapshot other = batch(List.of(unpackaged("", "linux_arm64", 1, true, sha(zip("linux_arm64")))));
    List<CodeBuildCollector.Located> located = CodeBuildCollector.locate(other, buckets);
    s3.put(bucket, "hello_linux_arm64_9fceb02/hello_linux_arm64_9fceb02.tar.gz", "tampered".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> CodeBuildCollector.download(located, dist, buckets, fast(), d -> { }, new Downloader.Listener() { }))
        .isInstanceOfSatisfying(CrossbatchException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY));
    assertThat(dist.resolve("hello_linux_arm64_9fceb02/hello_linux_arm64_9fceb02.tar.gz")).doesNotExist();
  }

  @Test
  void aZipThatIsNotWhatCodeBuildHashed_isAnIntegrityErrorNamingIt_andNothingKeepsItsName() {
    List<BuildRun> builds = uploaded("", "linux_amd64");
    s3.put(bucket, "hello_linux_amd64_9fceb02.zip", "PK something else".getBytes(StandardCharsets.UTF_8)); // replaced after the build
    List<CodeBuildCollector.Located> located = CodeBuildCollector.locate(batch(builds), buckets);

    assertThatThrownBy(() -> CodeBuildCollector.download(located, dist, buckets, fast(), d -> { }, new Downloader.Listener() { }))
        .isInstanceOfSatisfying(CrossbatchException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY);
          assertThat(e.getMessage()).startsWith("hello_linux_amd64_9fceb02.zip was damaged on each of 2 attempts, last: SHA-256 ")
              .endsWith(" is not " + sha(zip("linux_amd64")) + " (CodeBuild)");
        });
    assertThat(dist.resolve("hello_linux_amd64_9fceb02.zip")).doesNotExist();
  }

  @Test
  void publish_putsSumsAndManifestBesideTheZips_whichArtifactsDownloadThenUses() throws Exception {
    BatchSnapshot batch = batch(uploaded("releases/hello/", "linux_amd64", "darwin_arm64"));
    List<CodeBuildCollector.Located> located = CodeBuildCollector.locate(batch, buckets);
    CodeBuildCollector.Collected collected = CodeBuildCollector.download(located, dist, buckets, fast(), d -> { }, new Downloader.Listener() { });
    Manifest manifest = new Manifest(Manifest.SCHEMA, "hello", "v1.0.0", COMMIT, false, "codebuild", "hello-release", batch.id(), batch.end(),
        Map.of(), collected.artifacts());

    List<String> published = CodeBuildCollector.publish(manifest, located, buckets);

    assertThat(published).containsExactly("s3://" + bucket + "/releases/hello/hello_9fceb02_SHA256SUMS",
        "s3://" + bucket + "/releases/hello/hello_9fceb02_manifest.json");
    String sums = new String(s3.admin().getObjectAsBytes(g -> g.bucket(bucket).key("releases/hello/hello_9fceb02_SHA256SUMS")).asByteArray());
    assertThat(sums).isEqualTo(sha(zip("darwin_arm64")) + "  hello_darwin_arm64_9fceb02.zip\n" + sha(zip("linux_amd64")) + "  hello_linux_amd64_9fceb02.zip\n");
    String json = new String(s3.admin().getObjectAsBytes(g -> g.bucket(bucket).key("releases/hello/hello_9fceb02_manifest.json")).asByteArray());
    assertThat(json).contains("\"file\" : \"hello_darwin_arm64_9fceb02.zip\"").contains("\"backend\" : \"codebuild\"");

    // what artifacts download would check each zip against, with no CodeBuild batch in hand
    ArtifactStore store = new S3ArtifactStore(clients, bucket, "releases");
    ArtifactCatalog catalog = ArtifactCatalog.of(store.list(), ArtifactName.defaultName(), "hello");
    List<ArtifactCatalog.Entry> selected = catalog.select(new ArtifactFilter("9fceb02", List.of(), false));
    assertThat(selected).hasSize(2);
    Map<String, List<Downloader.Expected>> expected = ChecksumSources.resolve(store, catalog, selected, ChecksumSources.Remembered.NONE,
        new ChecksumSources.Reading(2, java.time.Duration.ZERO, d -> { })).byFile();
    assertThat(expected.get("hello_darwin_arm64_9fceb02.zip"))
        .containsExactly(new Downloader.Expected(sha(zip("darwin_arm64")), "s3://" + bucket + "/releases/hello/hello_9fceb02_SHA256SUMS"));
  }

  @Test
  void publish_ofZipsInSeveralFolders_goesToTheFolderTheyShare() {
    s3.put(bucket, "r/linux/hello_linux_amd64_9fceb02.zip", zip("linux_amd64"));
    s3.put(bucket, "r/darwin/hello_darwin_arm64_9fceb02.zip", zip("darwin_arm64"));
    BatchSnapshot batch = batch(List.of(
        build("linux_amd64", 1, "SUCCEEDED", "arn:aws:s3:::" + bucket + "/r/linux/hello_linux_amd64_9fceb02.zip", sha(zip("linux_amd64"))),
        build("darwin_arm64", 2, "SUCCEEDED", "arn:aws:s3:::" + bucket + "/r/darwin/hello_darwin_arm64_9fceb02.zip", sha(zip("darwin_arm64")))));
    List<CodeBuildCollector.Located> located = CodeBuildCollector.locate(batch, buckets);
    CodeBuildCollector.Collected collected = CodeBuildCollector.download(located, dist, buckets, fast(), d -> { }, new Downloader.Listener() { });
    Manifest manifest = new Manifest(Manifest.SCHEMA, "hello", "v1.0.0", COMMIT, false, "codebuild", "p", "b", T0, Map.of(), collected.artifacts());

    CodeBuildCollector.publish(manifest, located, buckets);

    String sums = new String(s3.admin().getObjectAsBytes(g -> g.bucket(bucket).key("r/hello_9fceb02_SHA256SUMS")).asByteArray());
    assertThat(sums).contains("  linux/hello_linux_amd64_9fceb02.zip\n").contains("  darwin/hello_darwin_arm64_9fceb02.zip\n");
    assertThat(dist.resolve("r/darwin/hello_darwin_arm64_9fceb02.zip")).exists();
  }

  @Test
  void locationsThatCannotBeCollected_eachGetOneClearError() {
    s3.put(bucket, "a.zip", zip("x"));
    String a = "arn:aws:s3:::" + bucket + "/a.zip";
    assertError(batch(List.of(build("linux_amd64", 1, "SUCCEEDED", null, null))), ErrorKind.USAGE,
        "CodeBuild reports no artifact for build linux/amd64 (hello-release:00000001-0000-4000-8000-000000000000), so there is no zip to collect");
    assertError(batch(List.of(build("linux_amd64", 1, "SUCCEEDED", "s3://" + bucket + "/a.zip", null))), ErrorKind.AWS,
        "CodeBuild reports the artifact of build linux/amd64 at 's3://" + bucket + "/a.zip', which is not an S3 object ARN (arn:aws:s3:::BUCKET/KEY)");
    assertError(batch(List.of(build("linux_amd64", 1, "SUCCEEDED", "arn:aws:s3:::" + bucket, null))), ErrorKind.AWS, "which is not an S3 object ARN");
    for (String key : List.of("../a.zip", "x/../../a.zip", "/a.zip", "x//a.zip", "x\\a.zip", "./a.zip", "x/.", "a\u0007.zip")) {
      assertError(batch(List.of(build("linux_amd64", 1, "SUCCEEDED", "arn:aws:s3:::" + bucket + "/" + key, null))), ErrorKind.INTEGRITY,
          "the artifact of build linux/amd64 has the key '" + key + "', which is not a safe path to keep under dist/");
    }
    assertError(batch(List.of(build("linux_amd64", 1, "SUCCEEDED", a, null), build("linux_arm64", 2, "SUCCEEDED", a, null))), ErrorKind.INTEGRITY,
        "builds linux/amd64 and linux/arm64 both report s3://" + bucket + "/a.zip: one zip overwrote the other");
    assertError(batch(List.of(build("linux_amd64", 1, "SUCCEEDED", "arn:aws:s3:::" + bucket + "/gone.zip", null))), ErrorKind.INTEGRITY,
        "CodeBuild reports the artifact of build linux/amd64 at s3://" + bucket + "/gone.zip, but there is neither an object there nor an archive named gone.zip");
    assertThat(dist).isEmptyDirectory();
  }

  @Test
  void arnsOfEveryPartition_parse_andOthersDoNot() {
    assertThat(CodeBuildCollector.S3Location.parse("arn:aws-cn:s3:::my.bucket/a/b.zip"))
        .contains(new CodeBuildCollector.S3Location("my.bucket", "a/b.zip"));
    assertThat(CodeBuildCollector.S3Location.parse("arn:aws-us-gov:s3:::bkt/k")).isPresent();
    assertThat(CodeBuildCollector.S3Location.parse("arn:aws:s3:::Bad_Bucket/k")).isEmpty();
    assertThat(CodeBuildCollector.S3Location.parse("arn:aws:s3:us-east-1::bkt/k")).isEmpty();
    assertThat(CodeBuildCollector.S3Location.parse("arn:aws:s3:::bkt/")).isEmpty();
    assertThat(CodeBuildCollector.commonFolder("a/b/c/", "a/b/d/")).isEqualTo("a/b/");
    assertThat(CodeBuildCollector.commonFolder("ab/", "ac/")).isEmpty();
    assertThat(CodeBuildCollector.commonFolder("a/", "a/")).isEqualTo("a/");
  }

  private void assertError(BatchSnapshot batch, ErrorKind kind, String message) {
    assertThatThrownBy(() -> CodeBuildCollector.locate(batch, buckets)).isInstanceOfSatisfying(CrossbatchException.class, e -> {
      assertThat(e.kind()).isEqualTo(kind);
      assertThat(e.getMessage()).contains(message);
    });
  }
}
