package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.cli.Cli.Run;
import dev.crossbatch.core.aws.FakeCredentials;
import dev.crossbatch.core.aws.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * release --sign-key kms:ARN against moto_server's KMS on loopback, which signs for real: the
 * signatures checked by openssl and by a DSSE verifier written here, verify and download taking the
 * key as kms:ARN or as the PEM exported from it.
 */
@ExtendWith(FakeCredentials.class)
class KmsSigningCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static MotoServer moto;
  static KmsClient kms;
  @TempDir Path dir;
  Path repo;
  String arn;
  Path pem;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    kms = KmsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))).build();
    System.setProperty("aws.endpointUrlKms", moto.endpoint().toString());
  }

  @AfterAll
  static void stop() {
    System.clearProperty("aws.endpointUrlKms");
    kms.close();
    moto.close();
  }

  @BeforeEach
  void keyAndApp() throws Exception {
    arn = kms.createKey(r -> r.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata().arn();
    byte[] spki = kms.getPublicKey(r -> r.keyId(arn)).publicKey().asByteArray();
    pem = Files.writeString(dir.resolve("release.pem"), "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spki) + "\n-----END PUBLIC KEY-----\n");
    repo = Example.genericApp(dir.resolve("app"), "[linux/amd64, darwin/arm64]", "mkdir -p out && echo \"$GOOS\" > out/os.txt");
  }

  @Test
  void aReleaseSignedInKms_isCheckedByOpenssl_byVerifyWithTheArnOrThePem_andItsProvenanceByADsseVerifier() throws Exception {
    Run release = Cli.run(repo, "release", "--sign-key", "kms:" + arn);

    assertThat(release.exit()).as(release.err()).isZero();
    assertThat(release.out()).contains("signed dist/SHA256SUMS.sig, dist/manifest.json.sig with KMS key " + arn
        + "; check: crossbatch verify dist --key kms:" + arn);
    Path dist = repo.resolve("dist");
    assertThat(dist.resolve("SHA256SUMS.minisig")).doesNotExist();
    for (String signed : List.of("SHA256SUMS", "manifest.json")) {
      Path der = Files.write(dir.resolve(signed + ".der"), Base64.getDecoder().decode(Files.readString(dist.resolve(signed + ".sig")).strip()));
      Processes.Result openssl = Processes.run(dist, "openssl", "dgst", "-sha256", "-verify", pem.toString(), "-signature", der.toString(), signed);
      assertThat(openssl.output()).as(signed).isEqualTo("Verified OK\n");
    }
    Run byArn = Cli.run(repo, "verify", "--key", "kms:" + arn);
    Run byPem = Cli.run(repo, "verify", "--key", pem.toString(), "--output", "json");
    assertThat(byArn.exit()).as(byArn.err()).isZero();
    assertThat(byArn.out()).contains("ok      app_").endsWith("against key " + arn + "\n");
    assertThat(byPem.exit()).as(byPem.err()).isZero();
    assertThat(JSON.readTree(byPem.out()).get("valid").asBoolean()).isTrue();

    // DSSE v1 over the provenance, checked with the JDK's ECDSA and the key KMS gave
    String sha7 = SigningCliTest.sha7(repo);
    JsonNode envelope = JSON.readTree(Files.readAllLines(dist.resolve("app_" + sha7 + ".intoto.jsonl")).get(0));
    byte[] payload = Base64.getDecoder().decode(envelope.get("payload").asText());
    String type = envelope.get("payloadType").asText();
    byte[] head = String.format("DSSEv1 %d %s %d ", type.length(), type, payload.length).getBytes(StandardCharsets.UTF_8);
    byte[] pae = Arrays.copyOf(head, head.length + payload.length);
    System.arraycopy(payload, 0, pae, head.length, payload.length);
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initVerify(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(kms.getPublicKey(r -> r.keyId(arn)).publicKey().asByteArray())));
    ecdsa.update(pae);
    assertThat(ecdsa.verify(Base64.getDecoder().decode(envelope.at("/signatures/0/sig").asText()))).isTrue();
    assertThat(envelope.at("/signatures/0/keyid").asText()).isEqualTo(arn);

    Run download = Cli.run(repo, "artifacts", "download", "--local", "--latest", "--dest", "got", "--verify-key", pem.toString());
    assertThat(download.exit()).as(download.err()).isZero();
    Files.writeString(dist.resolve("SHA256SUMS"), Files.readString(dist.resolve("SHA256SUMS")).replace("app_darwin", "app_Darwin"));
    Run tampered = Cli.run(repo, "verify", "--key", "kms:" + arn);
    assertThat(tampered.exit()).isEqualTo(4);
    assertThat(tampered.err()).contains("FAILED  SHA256SUMS (signature): signature verification failed");
  }

  @Test
  void aKmsKeyThatCannotSignAsARelease_isRefusedBeforeAnyBuild_andAMinisignPubDoesNotCheckIt() throws Exception {
    String rsa = kms.createKey(r -> r.keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata().arn();

    Run refused = Cli.run(repo, "release", "--sign-key", "kms:" + rsa);
    Run signed = Cli.run(repo, "release", "--sign-key", "kms:" + arn);
    Path keys = Files.createDirectories(dir.resolve("keys"));
    assertThat(Cli.run(keys, "keygen", "--no-password").exit()).isZero();
    Run otherKind = Cli.run(repo, "verify", "--key", keys.resolve("crossbatch.pub").toString());

    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("the KMS key " + rsa + " is RSA_2048 for SIGN_VERIFY; a release key in KMS must be ECC_NIST_P256");
    assertThat(refused.out()).doesNotContain("SUCCEEDED");
    assertThat(signed.exit()).as(signed.err()).isZero();
    assertThat(otherKind.exit()).isEqualTo(4);
    assertThat(otherKind.err()).contains("FAILED  SHA256SUMS (signature): no SHA256SUMS.minisig: the release is not signed");
  }
}
