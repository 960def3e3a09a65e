package dev.crossbatch.core.aws;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.signing.EcdsaKey;
import dev.crossbatch.core.signing.SigningKey;
import dev.crossbatch.core.signing.VerifyingKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * A release key in AWS KMS ({@code --sign-key kms:ARN}): an ECC_NIST_P256 key with usage
 * SIGN_VERIFY. Each signature is KMS's ECDSA_SHA_256 of what is signed, sent whole up to 4096 bytes
 * and as its SHA-256 beyond (MessageType DIGEST); the secret key never leaves KMS. Its public key
 * comes from GetPublicKey (docs/signing.md).
 */
public final class KmsSigningKey implements SigningKey {
  /** How a key in KMS is named on the command line and in crossbatch.yml. */
  public static final String PREFIX = "kms:";
  /** The largest message KMS's Sign takes whole (MessageType RAW). */
  static final int MAX_RAW_BYTES = 4096;

  private final KmsClient kms;
  private final String keyId;
  private final EcdsaKey publicKey;
  private final String endpoint;

  private KmsSigningKey(KmsClient kms, String keyId, EcdsaKey publicKey, String endpoint) {
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

  /** The public key of a KMS signing key, from GetPublicKey: what {@code verify --key kms:ARN} checks with. */
  public static EcdsaKey publicKey(AwsClients clients, String keyId) {
    GetPublicKeyResponse key;
    try {
      key = clients.kms().getPublicKey(r -> r.keyId(keyId));
    } catch (SdkException e) {
      throw AwsErrors.translate(e, new AwsErrors.Context("KMS", "GetPublicKey of " + keyId, null, null, clients.endpointFor("kms")));
    }
    // KeySpec, or the older CustomerMasterKeySpec it replaced, which some endpoints still give alone
    String spec = key.keySpecAsString() != null ? key.keySpecAsString() : key.customerMasterKeySpecAsString();
    if (key.keyUsage() != KeyUsageType.SIGN_VERIFY || !KeySpec.ECC_NIST_P256.toString().equals(spec)) {
      throw CrossbatchException.usage("the KMS key " + keyId + " is " + spec + " for " + key.keyUsageAsString()
          + "; a release key in KMS must be ECC_NIST_P256 for SIGN_VERIFY",
          "create one: aws kms create-key --key-spec ECC_NIST_P256 --key-usage SIGN_VERIFY, or sign with a minisign key (crossbatch keygen)");
    }
    // KMS answers with the key's ARN; an endpoint that gives its bare id is named by what was asked
    String name = key.keyId() != null && key.keyId().startsWith("arn:") ? key.keyId() : keyId;
    return EcdsaKey.ofDer(key.publicKey().asByteArray(), name)
        .orElseThrow(() -> new CrossbatchException(ErrorKind.AWS, "KMS answered GetPublicKey of " + keyId + " with a key that is not P-256", null));
  }

  @Override
  public VerifyingKey verifyingKey() {
    return publicKey;
  }

  @Override
  public String signatureFile(byte[] content, String fileName, long epochSeconds) {
    return Base64.getEncoder().encodeToString(signRaw(content)) + "\n";
  }

  /**
   * ECDSA_SHA_256 of {@code message}: sent whole (RAW: KMS hashes it) up to KMS's 4096 bytes, else
   * as its SHA-256 (DIGEST): the same signature either way.
   */
  @Override
  public byte[] signRaw(byte[] message) {
    boolean raw = message.length <= MAX_RAW_BYTES;
    byte[] sent;
    try {
      sent = raw ? message : MessageDigest.getInstance("SHA-256").digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    try {
      return kms.sign(r -> r.keyId(keyId).message(SdkBytes.fromByteArray(sent)).messageType(raw ? MessageType.RAW : MessageType.DIGEST)
          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, new AwsErrors.Context("KMS", "Sign with " + keyId, null, null, endpoint));
    }
  }
}
