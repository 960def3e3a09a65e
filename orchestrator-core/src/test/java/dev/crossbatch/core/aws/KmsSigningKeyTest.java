package dev.crossbatch.core.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
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

/**
 * KMS's Sign as AWS documents it, on loopback: RAW messages are hashed with SHA-256 by KMS, DIGEST
 * ones are signed as given (moto's KMS hashes both, so the DIGEST path of a message over 4096 bytes
 * is checked here, with real ECDSA signatures of a P-256 key made in the test).
 */
@ExtendWith(FakeCredentials.class)
class KmsSigningKeyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  final KeyPair pair = p256();
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
        Signature ecdsa = Signature.getInstance(type.equals("DIGEST") ? "NONEwithECDSA" : "SHA256withECDSA");
        ecdsa.initSign(pair.getPrivate());
        ecdsa.update(message);
        String body = JSON.createObjectNode().put("KeyId", ARN).put("SigningAlgorithm", "ECDSA_SHA_256")
            .put("Signature", Base64.getEncoder().encodeToString(ecdsa.sign())).toString();
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
    kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.GetPublicKey"))
        .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1").withBody(JSON.createObjectNode()
            .put("KeyId", ARN).put("KeySpec", "ECC_NIST_P256").put("KeyUsage", "SIGN_VERIFY")
            .put("PublicKey", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))
            .set("SigningAlgorithms", JSON.createArrayNode().add("ECDSA_SHA_256")).toString())));
    kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Sign"))
        .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1").withTransformers("kms-sign")));
    clients = new AwsClients(new AwsSettings("us-east-1", null, java.net.URI.create(kms.baseUrl())), null);
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
