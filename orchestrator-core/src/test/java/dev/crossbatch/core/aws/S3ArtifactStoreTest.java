package dev.crossbatch.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crossbatch.core.artifact.ArtifactCatalog;
import dev.crossbatch.core.artifact.ArtifactFilter;
import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.artifact.ChecksumSources;
import dev.crossbatch.core.artifact.Downloader;
import dev.crossbatch.core.artifact.StoredObject;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The S3 store, listing and downloader against a real S3-protocol server on loopback. */
@ExtendWith(FakeCredentials.class)
class S3ArtifactStoreTest {
  private static final String BUCKET = "releases";
  private static final String OLD = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String MID = "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  private static final String NEW = "3f9c2e1ccccccccccccccccccccccccccccccccc";
  private static final List<String> PLATFORMS = List.of("linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64", "windows_amd64", "windows_arm64");
  private static final int JUNK = 1050;

  private static S3Server s3;
  private static final Map<String, byte[]> contents = new LinkedHashMap<>();

  @TempDir Path dest;
  private AwsClients clients;

  @BeforeAll
  static void fill() throws Exception {
    s3 = S3Server.start();
    s3.bucket(BUCKET);
    Random random = new Random(7);
    // oldest commit first, a minute apart (S3 keeps modification times to the second)
    Instant t = Instant.parse("2026-11-30T08:00:00Z");
    putZip("hello/hello_linux_amd64_" + OLD.substring(0, 7) + ".zip", random, 2000, t);
    for (String platform : PLATFORMS) {
      putZip("hello/hello_" + platform + "_" + MID.substring(0, 7) + ".zip", random, 2000, t.plusSeconds(60));
    }
    // nested, as CodeBuild may lay a batch out: one folder per build
    for (String platform : PLATFORMS) {
      putZip("hello/build-" + platform + "/hello_" + platform + "_" + NEW.substring(0, 7) + ".zip", random, 300_000, t.plusSeconds(120));
    }
    // junk a lister must ignore, enough to need a second ListObjectsV2 page
    for (int i = 0; i < JUNK; i++) {
      s3.put(BUCKET, "hello/logs/" + i + ".txt", new byte[] {1});
    }
    s3.put(BUCKET, "hello/hello_linux_amd64.zip", new byte[] {1});
    s3.put(BUCKET, "hello/other_linux_amd64_3f9c2e1.zip", new byte[] {1});
    s3.put(BUCKET, "hello/hello_plan9_sparc_3f9c2e1.zip", new byte[] {1});
    s3.put(BUCKET, "outside/hello_linux_amd64_3f9c2e1.zip", new byte[] {1});
    // published sums of the newest commit
    StringBuilder sums = new StringBuilder();
    contents.forEach((key, bytes) -> {
      if (key.contains(NEW.substring(0, 7))) {
        sums.append(sha(bytes)).append("  ").append(key.substring(key.lastIndexOf('/') + 1)).append('\n');
      }
    });
    s3.put(BUCKET, "hello/hello_3f9c2e1_SHA256SUMS", sums.toString().getBytes());
  }

  private static void putZip(String key, Random random, int size, Instant modified) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    contents.put(key, bytes);
    s3.put(BUCKET, key, bytes, modified);
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @BeforeEach
  void client() {
    clients = new AwsClients(new AwsSettings("us-east-1", null, s3.endpoint()), null);
  }

  private S3ArtifactStore store(AwsClients c) {
    return new S3ArtifactStore(c, BUCKET, "hello");
  }

  private ArtifactCatalog catalog(S3ArtifactStore store) {
    return ArtifactCatalog.of(store.list(), ArtifactName.defaultName(), "hello");
  }

  private static List<String> files(List<ArtifactCatalog.Entry> entries) {
    return entries.stream().map(e -> e.object().path()).toList();
  }

  @Test
  void list_pagesThroughMoreThanAThousandKeys_findsNestedAndFlatZips_andIgnoresJunkAndOtherPrefixes() {
    S3ArtifactStore store = store(clients);
    List<StoredObject> objects = store.list();
    assertThat(objects).hasSize(13 + JUNK + 4); // 13 zips, junk, 3 odd names, the sums (not outside/)
    assertThat(objects).filteredOn(o -> o.path().equals("hello_linux_amd64_1111111.zip")).singleElement()
        .extracting(StoredObject::modified).as("the Last-Modified the test set").isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));

    ArtifactCatalog catalog = catalog(store);
    assertThat(catalog.artifacts()).hasSize(13);
    assertThat(files(catalog.select(ArtifactFilter.all()))).hasSize(13)
        .doesNotContain("hello_linux_amd64.zip", "other_linux_amd64_3f9c2e1.zip", "hello_plan9_sparc_3f9c2e1.zip");
  }

  @Test
  void select_byCommitPrefixOrFullSha_byPlatforms_andLatest_isExact() {
    ArtifactCatalog catalog = catalog(store(clients));
    assertThat(files(catalog.select(new ArtifactFilter("3f9c2e1", List.of(), false)))).hasSize(6).allMatch(p -> p.startsWith("build-"));
    assertThat(files(catalog.select(new ArtifactFilter(NEW, List.of(Platform.of("linux", "arm64")), false))))
        .containsExactly("build-linux_arm64/hello_linux_arm64_3f9c2e1.zip");
    assertThat(files(catalog.select(new ArtifactFilter("2222222b", List.of(Platform.of("windows", "amd64"), Platform.of("darwin", "arm64")), false))))
        .containsExactly("hello_darwin_arm64_2222222.zip", "hello_windows_amd64_2222222.zip");
    assertThat(files(catalog.select(new ArtifactFilter(null, List.of(Platform.of("linux", "amd64")), false))))
        .containsExactly("build-linux_amd64/hello_linux_amd64_3f9c2e1.zip", "hello_linux_amd64_2222222.zip", "hello_linux_amd64_1111111.zip");
    assertThat(files(catalog.select(new ArtifactFilter(null, List.of(), true)))).hasSize(6).allMatch(p -> p.contains("3f9c2e1"));
    assertThat(catalog.select(new ArtifactFilter("deadbee", List.of(), false))).isEmpty();
  }

  @Test
  void download_checksEachFileAgainstThePublishedSums_writesOnlyWholeFiles_andSkipsThemNextTime() throws Exception {
    S3ArtifactStore store = store(clients);
    ArtifactCatalog catalog = catalog(store);
    List<ArtifactCatalog.Entry> selected = catalog.select(new ArtifactFilter("3f9c2e1", List.of(), false));
    List<Downloader.Outcome> outcomes = download(store, catalog, selected, 4);

    assertThat(outcomes).hasSize(6).allMatch(o -> !o.skipped() && o.verifiedBy().endsWith("hello_3f9c2e1_SHA256SUMS"));
    for (Downloader.Outcome o : outcomes) {
      assertThat(Files.readAllBytes(o.file())).isEqualTo(contents.get("hello/" + o.item().object().path()));
    }
    try (Stream<Path> left = Files.list(dest)) {
      assertThat(left.map(p -> p.getFileName().toString())).hasSize(6).noneMatch(n -> n.endsWith(".part") || n.endsWith(".etag"));
    }
    assertThat(download(store, catalog, selected, 4)).allMatch(Downloader.Outcome::skipped);
  }

  @Test
  void aFlippedByte_isCaughtBySha256_andTheFileFetchedAgain() throws Exception {
    try (FaultyProxy proxy = new FaultyProxy(s3.port()); AwsClients via = new AwsClients(new AwsSettings("us-east-1", null, proxy.endpoint()), null)) {
      S3ArtifactStore store = store(via);
      ArtifactCatalog catalog = catalog(store);
      List<ArtifactCatalog.Entry> one = catalog.select(new ArtifactFilter(NEW, List.of(Platform.of("darwin", "arm64")), false));
      proxy.damage(FaultyProxy.Fault.FLIP, ".zip", 150_000, 1);

      List<Downloader.Outcome> outcomes = download(store, catalog, one, 4);

      assertThat(outcomes.get(0).attempts()).isEqualTo(2);
      assertThat(Files.readAllBytes(outcomes.get(0).file())).isEqualTo(contents.get("hello/" + one.get(0).object().path()));
    }
  }

  @Test
  void aByteFlippedOnEveryAttempt_failsAsAnIntegrityError_namingTheFile_withNothingUnderItsName() throws Exception {
    try (FaultyProxy proxy = new FaultyProxy(s3.port()); AwsClients via = new AwsClients(new AwsSettings("us-east-1", null, proxy.endpoint()), null)) {
      S3ArtifactStore store = store(via);
      ArtifactCatalog catalog = catalog(store);
      List<ArtifactCatalog.Entry> one = catalog.select(new ArtifactFilter(NEW, List.of(Platform.of("windows", "amd64")), false));
      proxy.damage(FaultyProxy.Fault.FLIP, ".zip", 10, 100);

      CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> download(store, catalog, one, 3));

      assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY);
      assertThat(e.getMessage()).startsWith("hello_windows_amd64_3f9c2e1.zip was damaged on each of 3 attempts, last: SHA-256 ");
      assertThat(dest.resolve("hello_windows_amd64_3f9c2e1.zip")).doesNotExist();
    }
  }

  @Test
  void aTruncatedBody_isResumedWithRangeAndIfMatch_fromWhereItStopped() throws Exception {
    try (FaultyProxy proxy = new FaultyProxy(s3.port()); AwsClients via = new AwsClients(new AwsSettings("us-east-1", null, proxy.endpoint()), null)) {
      S3ArtifactStore store = store(via);
      ArtifactCatalog catalog = catalog(store);
      List<ArtifactCatalog.Entry> one = catalog.select(new ArtifactFilter(NEW, List.of(Platform.of("linux", "amd64")), false));
      proxy.damage(FaultyProxy.Fault.TRUNCATE, ".zip", 100_000, 1);

      List<Downloader.Outcome> outcomes = download(store, catalog, one, 4);

      assertThat(Files.readAllBytes(outcomes.get(0).file())).isEqualTo(contents.get("hello/" + one.get(0).object().path()));
      String etag = one.get(0).object().etag();
      assertThat(proxy.objectGets(".zip")).hasSize(2);
      assertThat(proxy.objectGets(".zip").get(0)).isEqualTo("Range=; If-Match=" + etag);
      assertThat(proxy.objectGets(".zip").get(1)).matches("Range=bytes=\\d+-; If-Match=" + java.util.regex.Pattern.quote(etag));
      long resumedAt = Long.parseLong(proxy.objectGets(".zip").get(1).replaceAll("Range=bytes=(\\d+)-.*", "$1"));
      assertThat(resumedAt).isPositive().isLessThanOrEqualTo(100_000);
    }
  }

  @Test
  void aDownloadCutShort_leavesOnlyAPartFile_andTheNextRunResumesIt() throws Exception {
    ArtifactCatalog.Entry entry;
    try (FaultyProxy proxy = new FaultyProxy(s3.port()); AwsClients via = new AwsClients(new AwsSettings("us-east-1", null, proxy.endpoint()), null)) {
      S3ArtifactStore store = store(via);
      ArtifactCatalog catalog = catalog(store);
      List<ArtifactCatalog.Entry> one = catalog.select(new ArtifactFilter(NEW, List.of(Platform.of("linux", "arm64")), false));
      entry = one.get(0);
      proxy.damage(FaultyProxy.Fault.TRUNCATE, ".zip", 200_000, 1);
      assertThat(catchThrowableOfType(CrossbatchException.class, () -> download(store, catalog, one, 1)).kind()).isEqualTo(ErrorKind.AWS);
    }
    Path part = dest.resolve(entry.fileName() + ".part");
    assertThat(dest.resolve(entry.fileName())).doesNotExist();
    long kept = Files.size(part);
    assertThat(kept).isBetween(1L, 200_000L);

    try (FaultyProxy proxy = new FaultyProxy(s3.port()); AwsClients via = new AwsClients(new AwsSettings("us-east-1", null, proxy.endpoint()), null)) {
      proxy.damage(FaultyProxy.Fault.NONE, ".zip", 0, 0);
      S3ArtifactStore store = store(via);
      ArtifactCatalog catalog = catalog(store);
      List<Downloader.Outcome> outcomes = download(store, catalog, catalog.select(new ArtifactFilter(NEW, List.of(Platform.of("linux", "arm64")), false)), 4);
      assertThat(proxy.objectGets(".zip")).containsExactly("Range=bytes=" + kept + "-; If-Match=" + entry.object().etag());
      assertThat(Files.readAllBytes(outcomes.get(0).file())).isEqualTo(contents.get("hello/" + entry.object().path()));
      assertThat(part).doesNotExist();
    }
  }

  @Test
  void anObjectReplacedAfterListing_isRefusedByIfMatch_notMixedIntoTheFile() {
    S3ArtifactStore store = new S3ArtifactStore(clients, BUCKET, "replaced");
    s3.put(BUCKET, "replaced/hello_linux_amd64_3f9c2e1.zip", new byte[] {1, 2, 3});
    ArtifactCatalog catalog = ArtifactCatalog.of(store.list(), ArtifactName.defaultName(), "hello");
    s3.put(BUCKET, "replaced/hello_linux_amd64_3f9c2e1.zip", new byte[] {4, 5, 6, 7});

    CrossbatchException e = catchThrowableOfType(CrossbatchException.class,
        () -> download(store, catalog, catalog.select(ArtifactFilter.all()), 2));

    assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY);
    assertThat(e.getMessage()).contains("hello_linux_amd64_3f9c2e1.zip").contains("was replaced since it was listed");
    assertThat(dest.resolve("hello_linux_amd64_3f9c2e1.zip")).doesNotExist();
  }

  @Test
  void aMissingBucket_isOneAwsErrorSayingWhereToLook() {
    CrossbatchException e = catchThrowableOfType(CrossbatchException.class, () -> new S3ArtifactStore(clients, "no-such-bucket", "").list());
    assertThat(e.kind()).isEqualTo(ErrorKind.AWS);
    assertThat(e.getMessage()).startsWith("the bucket of s3://no-such-bucket/ does not exist");
    assertThat(e.hint()).get().asString().contains("--bucket");
  }

  private List<Downloader.Outcome> download(S3ArtifactStore store, ArtifactCatalog catalog, List<ArtifactCatalog.Entry> selected, int attempts) {
    ChecksumSources.Known known = ChecksumSources.resolve(store, catalog, selected, ChecksumSources.Remembered.NONE,
        new ChecksumSources.Reading(attempts, java.time.Duration.ZERO, d -> { }));
    List<Downloader.Item> items = new ArrayList<>();
    selected.forEach(e -> items.add(new Downloader.Item(e.object(), e.fileName(), known.of(e.fileName()))));
    return new Downloader(store, new Downloader.Options(3, attempts, java.time.Duration.ZERO), d -> {}).download(items, dest, new Downloader.Listener() {});
  }

  static String sha(byte[] bytes) {
    return HexFormat.of().formatHex(Checksums.sha256(bytes));
  }

}
