package dev.crossbatch.core.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.signing.Minisign;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * KMS's Sign as AWS documents it, on loopback: RAW messages are hashed with SHA-256 by KMS, DIGEST
 * ones are signed as given, Ed25519 (ED25519_SHA_512) signs RAW messages of at most 4096 bytes.
 * moto's KMS hashes both and has no Ed25519 keys, so those paths are checked here, with real
 * signatures of keys made in the test.
 */
@ExtendWith(FakeCredentials.class)
class KmsSigningKeyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  final KeyPair pair = p256();
  final KeyPair ed25519 = ed25519();
  final List<String> messageTypes = new ArrayList<>();
  WireMockServer kms;
  AwsClients clients;

  /** Signs each Sign request with the test's key, as KMS would with its own. */
  final class Signer implements ResponseTransformerV2 {
    @Override
    public Response transform(Response response, ServeEvent event) {
      try {
        JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
        String type = request.path("MessageType").asText("RAW");
        messageTypes.add(type);
        byte[] message = Base64.getDecoder().decode(request.get("Message").asText());
        String algorithm = request.get("SigningAlgorithm").asText();
        boolean edwards = algorithm.equals("ED25519_SHA_512");
        if (edwards && (!type.equals("RAW") || message.length > 4096)) {
          return Response.Builder.like(response).but().status(400).body("{\"__type\":\"ValidationException\"}").build();
        }
        Signature signer = Signature.getInstance(edwards ? "Ed25519" : type.equals("DIGEST") ? "NONEwithECDSA" : "SHA256withECDSA");
        signer.initSign((edwards ? ed25519 : pair).getPrivate());
        signer.update(message);
        String body = JSON.createObjectNode().put("KeyId", ARN).put("SigningAlgorithm", algorithm)
            .put("Signature", Base64.getEncoder().encodeToString(signer.sign())).toString();
        return Response.Builder.like(response).but().body(body).build();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String getName() {
      return "kms-sign";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }
  }

  @BeforeEach
  void start() {
    kms = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").extensions(new Signer()));
    kms.start();
    publicKey("ECC_NIST_P256", pair, "ECDSA_SHA_256");
    kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Sign"))
        .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1").withTransformers("kms-sign")));
    clients = new AwsClients(new AwsSettings("us-east-1", null, java.net.URI.create(kms.baseUrl())), null);
  }

  /** GetPublicKey answering with this key, as KMS does. */
  void publicKey(String spec, KeyPair key, String algorithm) {
    kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.GetPublicKey"))
        .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1").withBody(JSON.createObjectNode()
            .put("KeyId", ARN).put("KeySpec", spec).put("KeyUsage", "SIGN_VERIFY")
            .put("PublicKey", Base64.getEncoder().encodeToString(key.getPublic().getEncoded()))
            .set("SigningAlgorithms", JSON.createArrayNode().add(algorithm)).toString())));
  }

  @AfterEach
  void stop() {
    clients.close();
    kms.stop();
  }

  @Test
  void smallMessagesGoWhole_largerOnesAsTheirSha256_andBothSignaturesCheckAgainstThePublicKey() throws Exception {
    KmsSigningKey key = KmsSigningKey.open(clients, "kms:" + ARN);
    byte[] small = new byte[KmsSigningKey.MAX_RAW_BYTES];
    byte[] large = new byte[KmsSigningKey.MAX_RAW_BYTES + 1];
    java.util.Arrays.fill(large, (byte) 'x');

    byte[] smallSignature = key.signRaw(small);
    byte[] largeSignature = key.signRaw(large);

    assertThat(messageTypes).containsExactly("RAW", "DIGEST");
    Signature check = Signature.getInstance("SHA256withECDSA");
    check.initVerify(pair.getPublic());
    check.update(large);
    assertThat(check.verify(largeSignature)).isTrue();
    assertThat(key.verifyingKey().verifyRaw(small, smallSignature)).isTrue();
    assertThat(key.verifyingKey().verifyRaw(large, smallSignature)).isFalse();
    assertThat(key.verifyingKey().id()).isEqualTo(ARN);
  }

  @Test
  void anEd25519KeyWritesMinisignFiles_thatMinisignItselfVerifies_andRefusesMoreThanKmsSignsWhole(@TempDir Path tmp) throws Exception {
    publicKey("ECC_NIST_EDWARDS25519", ed25519, "ED25519_SHA_512");
    KmsSigningKey key = KmsSigningKey.open(clients, "kms:" + ARN);
    byte[] sums = "0123  hello_linux_amd64_abcdef0.zip\n".getBytes(StandardCharsets.UTF_8);
    Files.write(tmp.resolve("SHA256SUMS"), sums);
    Files.writeString(tmp.resolve("SHA256SUMS.minisig"), key.signatureFile(sums, "SHA256SUMS", 1_796_000_000L));
    Minisign.PublicKey pub = (Minisign.PublicKey) key.verifyingKey();

    Process minisign = new ProcessBuilder("minisign", "-Vm", "SHA256SUMS", "-P", pub.base64()).directory(tmp.toFile())
        .redirectErrorStream(true).start();
    String said = new String(minisign.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(minisign.waitFor()).as(said).isZero();
    assertThat(said).contains("Signature and comment signature verified", "file:SHA256SUMS");
    byte[] statement = new byte[3000];
    assertThat(pub.verifyRaw(statement, key.signRaw(statement))).isTrue();
    CrossbatchException tooLarge = assertThrows(CrossbatchException.class, () -> key.signRaw(new byte[4097]));
    assertThat(tooLarge.getMessage()).contains("KMS signs at most 4096 bytes with an Ed25519 key, and this needs 4097");
    assertThat(messageTypes).containsOnly("RAW");
  }

  private static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair p256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
