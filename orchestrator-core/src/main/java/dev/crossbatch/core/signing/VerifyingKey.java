package dev.crossbatch.core.signing;

/**
 * The public side of a release key: what checks a release's signature files and DSSE envelopes. A
 * minisign public key (Ed25519; {@code .minisig} files), or an ECDSA P-256 key from KMS ({@code .sig}
 * files: base64 of the DER signature of the file's SHA-256, as cosign's sign-blob writes them).
 */
public interface VerifyingKey {
  /** How messages name the key: minisign's key id, or the KMS key. */
  String id();

  /** The suffix of the signature file beside a signed file. */
  String signatureSuffix();

  /**
   * Checks a signature file's text against the signed file's bytes.
   *
   * @throws Minisign.SignatureException naming what did not match
   */
  void verify(byte[] content, String signatureFile) throws Minisign.SignatureException;

  /** Whether {@code signature} is this key's over {@code message} (a DSSE envelope's PAE). */
  boolean verifyRaw(byte[] message, byte[] signature);
}
