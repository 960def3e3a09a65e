package dev.crossbatch.cli;

import static dev.crossbatch.core.aws.CodeBuildWire.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.cli.Cli.Run;
import dev.crossbatch.core.aws.CodeBuildWire;
import dev.crossbatch.core.aws.FakeCredentials;
import dev.crossbatch.core.aws.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** crossbatch doctor on this machine, and against CodeBuild's protocol on loopback and moto's S3. */
@ExtendWith(FakeCredentials.class)
class DoctorCliTest {
  static MotoServer moto;
  static S3Client s3;

  @TempDir Path dir;
  Path repo;
  CodeBuildWire wire;

  @BeforeAll
  static void s3() throws Exception {
    moto = MotoServer.start();
    s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).forcePathStyle(true).build();
    s3.createBucket(r -> r.bucket("ready-releases"));
    s3.putBucketVersioning(r -> r.bucket("ready-releases").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    s3.putBucketEncryption(r -> r.bucket("ready-releases").serverSideEncryptionConfiguration(c -> c.rules(rule -> rule
        .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
    s3.createBucket(r -> r.bucket("plain-releases"));
    System.setProperty("aws.endpointUrlS3", moto.endpoint().toString());
  }

  @AfterAll
  static void stopS3() {
    System.clearProperty("aws.endpointUrlS3");
    s3.close();
    moto.close();
  }

  @BeforeEach
  void example() throws Exception {
    repo = Files.createDirectories(dir.resolve("hello"));
    Example.committedCopy(repo, "");
    wire = new CodeBuildWire();
  }

  @AfterEach
  void stop() {
    wire.close();
  }

  private void codebuild(String bucket) throws Exception {
    Files.writeString(repo.resolve("crossbatch.yml"), Files.readString(repo.resolve("crossbatch.yml"))
        + "\ncodebuild:\n  project: hello-release\n  region: us-east-1\n  bucket: " + bucket + "\n");
    Example.commitAll(repo);
    System.setProperty("aws.endpointUrlCodeBuild", wire.endpoint().toString());
  }

  @AfterEach
  void clear() {
    System.clearProperty("aws.endpointUrlCodeBuild");
  }

  @Test
  void locally_everythingARealeaseNeeds_isOk_andSaidInOneLineEach() {
    Run run = Cli.run(repo, "doctor");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("(?m)^ok    git     git \\d")
        .containsPattern("(?m)^ok    commit  [0-9a-f]{7}, nothing uncommitted$")
        .contains("ok    config  crossbatch.yml: hello for 6 platforms\n")
        .containsPattern("(?m)^ok    go      go1\\.\\d+(\\.\\d+)?, go\\.mod asks for 1\\.19 \\(CodeBuild installs Go 1\\.22\\)$")
        .containsPattern("(?m)^ok    java    Java 17")
        .containsPattern("(?m)^ok    disk    \\d+\\.\\d GiB free for ");
    assertThat(run.out()).doesNotContain("FAIL").containsPattern("ready to release(, with 1 warning)?\n$");
  }

  @Test
  void onCodeBuild_theProjectAndTheBucketAreChecked_andWhatIsMissingSaysWhatToDo() throws Exception {
    codebuild("ready-releases");
    wire.answer("BatchGetProjects", ok("{\"projects\":[{\"name\":\"hello-release\",\"serviceRole\":\"arn:aws:iam::123456789012:role/hello-build\","
        + "\"buildBatchConfig\":{\"serviceRole\":\"arn:aws:iam::123456789012:role/hello-batch\"}}],\"projectsNotFound\":[]}"));

    Run ready = Cli.run(repo, "doctor", "--output", "json");
    JsonNode json = new ObjectMapper().readTree(ready.out());

    assertThat(ready.exit()).as(ready.out() + ready.err()).isZero();
    assertThat(json.get("healthy").asBoolean()).isTrue();
    Map<String, JsonNode> checks = new HashMap<>();
    json.get("checks").forEach(c -> checks.put(c.get("check").asText(), c));
    assertThat(checks.get("credentials").get("detail").asText()).isEqualTo("access key ****MPLE");
    assertThat(checks.get("region").get("detail").asText()).isEqualTo("us-east-1");
    assertThat(checks.get("codebuild project").get("detail").asText()).isEqualTo("hello-release: batch builds on, run as hello-batch, builds as hello-build");
    assertThat(checks.get("bucket").get("detail").asText()).isEqualTo("ready-releases: reachable, versioned, encrypted (AES256)");
    assertThat(wire.operations()).containsExactly("BatchGetProjects");

    wire.answer("BatchGetProjects", ok("{\"projects\":[],\"projectsNotFound\":[\"hello-release\"]}"));
    Files.writeString(repo.resolve("crossbatch.yml"), Files.readString(repo.resolve("crossbatch.yml")).replace("ready-releases", "plain-releases"));
    Example.commitAll(repo);
    Run missing = Cli.run(repo, "doctor");

    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.out()).contains("FAIL  codebuild project  no project hello-release in us-east-1\n",
        "-> deploy templates/codebuild-project.yml", "warn  bucket             plain-releases: reachable; versioning is off",
        "1 check failed: a release would not work until fixed\n");
  }

  @Test
  void outsideARepository_withABrokenConfig_eachIsAFailureWithItsFix() throws Exception {
    Path bare = Files.createDirectories(dir.resolve("bare"));
    Files.writeString(bare.resolve("crossbatch.yml"), "name: hello\nplatfroms: [linux/amd64]\n");

    Run run = Cli.run(bare, "doctor");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  commit  " + bare + " is not in a git repository\n", "-> run from a clone, or: git init",
        "FAIL  config  crossbatch.yml");
  }
}
