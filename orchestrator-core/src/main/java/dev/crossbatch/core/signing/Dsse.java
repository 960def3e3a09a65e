package dev.crossbatch.core.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * DSSE envelopes (Dead Simple Signing Envelope v1, docs/provenance.md): the payload and its type,
 * base64 in JSON, each signature over the pre-authentication encoding
 * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths as ASCII decimals. Signed
 * with the release's key itself: pure Ed25519 for a minisign key (as in-toto's ed25519 keys sign),
 * ECDSA P-256 with SHA-256 (DER) for a KMS key; its keyid the key's id.
 */
public final class Dsse {
  public static final String IN_TOTO = "application/vnd.in-toto+json";
  /** An envelope larger than this is not one of a release's. */
  public static final int MAX_BYTES = 16 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An envelope read back: its payload type and payload, once a signature by the key was found good. */
  public record Opened(String payloadType, byte[] payload) {}

  /** Why an envelope does not prove anything. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  private Dsse() {}

  /** The pre-authentication encoding of a payload: what each signature covers. */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + payload.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(payload, 0, all, head.length, payload.length);
    return all;
  }

  /** The envelope of {@code payload} as one line of JSON (no newline), signed when {@code key} is given. */
  public static String envelope(String payloadType, byte[] payload, Optional<SigningKey> key) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("payloadType", payloadType);
    envelope.put("payload", Base64.getEncoder().encodeToString(payload));
    var signatures = envelope.putArray("signatures");
    key.ifPresent(k -> signatures.addObject().put("keyid", k.dsseKeyId())
        .put("sig", Base64.getEncoder().encodeToString(k.signRaw(pae(payloadType, payload)))));
    try {
      return JSON.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a DSSE envelope", e);
    }
  }

  /** The subjects of an in-toto statement: each name with its {@code digest.sha256}, in the statement's order. */
  public static Map<String, String> subjects(JsonNode statement) {
    Map<String, String> subjects = new LinkedHashMap<>();
    statement.path("subject").forEach(s -> subjects.put(s.path("name").asText(), s.path("digest").path("sha256").asText()));
    return subjects;
  }

  /**
   * The payload of {@code line}, when one of its signatures is {@code key}'s over it.
   *
   * @throws Invalid when it is no envelope, or no signature is the key's
   */
  public static Opened open(String line, VerifyingKey key) throws Invalid {
    JsonNode envelope;
    try {
      envelope = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new Invalid("not a DSSE envelope: " + e.getOriginalMessage());
    }
    if (envelope == null || !envelope.path("payloadType").isTextual() || !envelope.path("payload").isTextual()
        || !envelope.path("signatures").isArray()) {
      throw new Invalid("not a DSSE envelope: payloadType, payload and signatures are required");
    }
    String type = envelope.get("payloadType").asText();
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(envelope.get("payload").asText());
    } catch (IllegalArgumentException e) {
      throw new Invalid("the payload is not base64");
    }
    if (envelope.get("signatures").isEmpty()) {
      throw new Invalid("not signed");
    }
    byte[] pae = pae(type, payload);
    for (JsonNode signature : envelope.get("signatures")) {
      try {
        byte[] sig = Base64.getDecoder().decode(signature.path("sig").asText());
        if (key.verifyRaw(pae, sig)) {
          return new Opened(type, payload);
        }
      } catch (IllegalArgumentException e) {
        // a signature that is not base64 is not the key's; another may be
      }
    }
    throw new Invalid("no signature by key " + key.id() + " is good");
  }
}
