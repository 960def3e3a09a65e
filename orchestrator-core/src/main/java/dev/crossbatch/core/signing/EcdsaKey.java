package dev.crossbatch.core.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An ECDSA P-256 public key (a KMS key's, from GetPublicKey or its PEM): checks {@code FILE.sig},
 * base64 of the DER ECDSA signature of the file's SHA-256, as {@code cosign sign-blob} writes them
 * and {@code openssl dgst -sha256 -verify KEY.pem -signature SIG.der FILE} checks them.
 *
 * @param name how messages name it: the KMS key's ARN, else its fingerprint
 */
public record EcdsaKey(PublicKey key, String name) implements VerifyingKey {
  private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String PEM_END = "-----END PUBLIC KEY-----";

  /** The key of a DER SubjectPublicKeyInfo; empty when it is not a P-256 key. */
  public static Optional<EcdsaKey> ofDer(byte[] spki, String name) {
    try {
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
      if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
        return Optional.empty();
      }
      return Optional.of(new EcdsaKey(key, name != null ? name : "P-256 key SHA256:" + fingerprint(spki)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code text} is a PEM public key ({@code -----BEGIN PUBLIC KEY-----}). */
  public static boolean isPem(String text) {
    return text.strip().startsWith(PEM_BEGIN);
  }

  /** The key of a PEM public key; empty when it is not a P-256 key. */
  public static Optional<EcdsaKey> ofPem(String text) {
    String body = text.strip();
    int end = body.indexOf(PEM_END);
    if (!body.startsWith(PEM_BEGIN) || end < 0) {
      return Optional.empty();
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(body.substring(PEM_BEGIN.length(), end));
      return ofDer(der, null);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The PEM text of this key. */
  public String pem() {
    return PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded()) + "\n" + PEM_END + "\n";
  }

  @Override
  public String id() {
    return name;
  }

  @Override
  public String signatureSuffix() {
    return ReleaseSigner.SIG;
  }

  @Override
  public void verify(byte[] content, String signatureFile) throws Minisign.SignatureException {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(signatureFile.strip());
    } catch (IllegalArgumentException e) {
      throw new Minisign.SignatureException("not a signature file of an ECDSA key (base64 of a DER signature)");
    }
    if (!verifyRaw(content, der)) {
      throw new Minisign.SignatureException("signature verification failed: the file is not the one signed, or another key signed it");
    }
  }

  @Override
  public boolean verifyRaw(byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false; // not a DER signature: not this key's
    }
  }

  private static String fingerprint(byte[] spki) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki)).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
