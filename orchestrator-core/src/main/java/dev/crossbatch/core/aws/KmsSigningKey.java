package dev.crossbatch.core.aws;

import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.signing.EcdsaKey;
import dev.crossbatch.core.signing.Minisign;
import dev.crossbatch.core.signing.SigningKey;
import dev.crossbatch.core.signing.VerifyingKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * A release key in AWS KMS ({@code --sign-key kms:ARN}) with usage SIGN_VERIFY; the secret key
 * never leaves KMS, its public key comes from GetPublicKey (docs/signing.md, decision 0034). An
 * ECC_NIST_P256 key writes {@code .sig} files (ECDSA_SHA_256); an ECC_NIST_EDWARDS25519 key writes
 * minisign's own {@code .minisig} files, its Ed25519 signatures made by KMS (ED25519_SHA_512).
 */
public final class KmsSigningKey implements SigningKey {
  /** How a key in KMS is named on the command line and in crossbatch.yml. */
  public static final String PREFIX = "kms:";
  /** The largest message KMS's Sign takes whole (MessageType RAW). */
  static final int MAX_RAW_BYTES = 4096;
  private static final String EDWARDS = "ECC_NIST_EDWARDS25519";
  /** The DER SubjectPublicKeyInfo of an Ed25519 key, up to its 32 key bytes (RFC 8410). */
  private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final KmsClient kms;
  private final String keyId;
  private final VerifyingKey publicKey;
  private final String endpoint;

  private KmsSigningKey(KmsClient kms, String keyId, VerifyingKey publicKey, String endpoint) {
    this.kms = kms;
    this.keyId = keyId;
    this.publicKey = publicKey;
    this.endpoint = endpoint;
  }

  /** Whether {@code reference} names a key in KMS. */
  public static boolean names(String reference) {
    return reference != null && reference.startsWith(PREFIX);
  }

  /** The key {@code kms:ARN} names (a key ARN, id or alias), checked to be one that signs with ECDSA P-256. */
  public static KmsSigningKey open(AwsClients clients, String reference) {
    String keyId = reference.substring(PREFIX.length());
    if (keyId.isBlank()) {
      throw CrossbatchException.usage("'" + reference + "' names no KMS key", "give its ARN: kms:arn:aws:kms:REGION:ACCOUNT:key/ID");
    }
    return new KmsSigningKey(clients.kms(), keyId, publicKey(clients, keyId), clients.endpointFor("kms"));
  }

  /**
   * The public key of a KMS signing key, from GetPublicKey: what {@code verify --key kms:ARN} checks
   * with. An ECC_NIST_P256 key's is an {@link EcdsaKey}; an ECC_NIST_EDWARDS25519 key's a minisign
   * public key whose key id is the first 8 bytes of the SHA-256 of its 32 key bytes (minisign's own
   * ids are random; this one is the same for everyone who reads the key).
   */
  public static VerifyingKey publicKey(AwsClients clients, String keyId) {
    GetPublicKeyResponse key;
    try {
      key = clients.kms().getPublicKey(r -> r.keyId(keyId));
    } catch (SdkException e) {
      throw AwsErrors.translate(e, new AwsErrors.Context("KMS", "GetPublicKey of " + keyId, null, null, clients.endpointFor("kms")));
    }
    // KeySpec, or the older CustomerMasterKeySpec it replaced, which some endpoints still give alone
    String spec = key.keySpecAsString() != null ? key.keySpecAsString() : key.customerMasterKeySpecAsString();
    byte[] spki = key.publicKey().asByteArray();
    if (key.keyUsage() == KeyUsageType.SIGN_VERIFY && EDWARDS.equals(spec) && spki.length == ED25519_SPKI_PREFIX.length + 32
        && Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
      byte[] raw = Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
      return new Minisign.PublicKey(Arrays.copyOf(Checksums.sha256(raw), 8), raw);
    }
    if (key.keyUsage() != KeyUsageType.SIGN_VERIFY || !KeySpec.ECC_NIST_P256.toString().equals(spec)) {
      throw CrossbatchException.usage("the KMS key " + keyId + " is " + spec + " for " + key.keyUsageAsString()
          + "; a release key in KMS must be ECC_NIST_P256 or ECC_NIST_EDWARDS25519 for SIGN_VERIFY",
          "create one: aws kms create-key --key-spec ECC_NIST_P256 --key-usage SIGN_VERIFY, or sign with a minisign key (crossbatch keygen)");
    }
    // KMS answers with the key's ARN; an endpoint that gives its bare id is named by what was asked
    String name = key.keyId() != null && key.keyId().startsWith("arn:") ? key.keyId() : keyId;
    return EcdsaKey.ofDer(spki, name)
        .orElseThrow(() -> new CrossbatchException(ErrorKind.AWS, "KMS answered GetPublicKey of " + keyId + " with a key that is not P-256", null));
  }

  @Override
  public VerifyingKey verifyingKey() {
    return publicKey;
  }

  @Override
  public String signatureFile(byte[] content, String fileName, long epochSeconds) {
    if (publicKey instanceof Minisign.PublicKey minisign) {
      return Minisign.sign(minisign.keyId(), this::signRaw, content, fileName, epochSeconds);
    }
    return Base64.getEncoder().encodeToString(signRaw(content)) + "\n";
  }

  @Override
  public String dsseKeyId() {
    return keyId;
  }

  /**
   * The signature of {@code message}. ECDSA_SHA_256 (P-256): sent whole (RAW: KMS hashes it) up to
   * KMS's 4096 bytes, else as its SHA-256 (DIGEST): the same signature either way. ED25519_SHA_512
   * (pure Ed25519, raw 64 bytes): always whole, so at most 4096 bytes.
   */
  @Override
  public byte[] signRaw(byte[] message) {
    boolean edwards = publicKey instanceof Minisign.PublicKey;
    boolean raw = message.length <= MAX_RAW_BYTES;
    if (edwards && !raw) {
      throw new CrossbatchException(ErrorKind.USAGE, "KMS signs at most " + MAX_RAW_BYTES + " bytes with an Ed25519 key, and this needs "
          + message.length, "sign with an ECC_NIST_P256 key in KMS, or a minisign key");
    }
    byte[] sent = raw ? message : Checksums.sha256(message);
    try {
      return kms.sign(r -> r.keyId(keyId).message(SdkBytes.fromByteArray(sent)).messageType(raw ? MessageType.RAW : MessageType.DIGEST)
          .signingAlgorithm(edwards ? SigningAlgorithmSpec.ED25519_SHA_512 : SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, new AwsErrors.Context("KMS", "Sign with " + keyId, null, null, endpoint));
    }
  }
}
