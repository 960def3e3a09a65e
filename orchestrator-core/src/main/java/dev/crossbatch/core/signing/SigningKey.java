package dev.crossbatch.core.signing;

/** The secret side of a release key: a minisign secret key here, or a key in AWS KMS. */
public interface SigningKey {
  VerifyingKey verifyingKey();

  /** The signature file's text for {@code content}, named {@code fileName} where the format records it. */
  String signatureFile(byte[] content, String fileName, long epochSeconds);

  /** The raw signature of {@code message}, as a DSSE envelope carries it. */
  byte[] signRaw(byte[] message);

  /** The key id a DSSE signature names. */
  default String dsseKeyId() {
    return verifyingKey().id();
  }
}
