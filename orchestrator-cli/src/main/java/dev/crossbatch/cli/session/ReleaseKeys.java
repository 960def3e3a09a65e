package dev.crossbatch.cli.session;

import dev.crossbatch.core.aws.AwsSettings;
import dev.crossbatch.core.aws.KmsSigningKey;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.io.IoErrors;
import dev.crossbatch.core.signing.EcdsaKey;
import dev.crossbatch.core.signing.Minisign;
import dev.crossbatch.core.signing.SigningKey;
import dev.crossbatch.core.signing.SigningKeys;
import dev.crossbatch.core.signing.VerifyingKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys a user names: {@code --sign-key} / {@code sign.key} a minisign secret key file or
 * {@code kms:ARN}; {@code --key} / {@code --verify-key} a minisign .pub, a PEM public key (a KMS key's,
 * exported), or {@code kms:ARN} (its public key read with GetPublicKey).
 */
public final class ReleaseKeys {
  private static final Pattern KMS_ARN_REGION = Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):.*");

  private ReleaseKeys() {}

  /** Whether a reference names a key in KMS rather than a file. */
  public static boolean inKms(String reference) {
    return KmsSigningKey.names(reference);
  }

  /** The signing key {@code reference} names; a file's path is resolved by the caller. */
  public static SigningKey signing(Session session, String reference, Path file, AwsSettings aws, String configRegion) {
    if (inKms(reference)) {
      return KmsSigningKey.open(session.aws(withArnRegion(aws, reference), configRegion), reference);
    }
    return SigningKeys.read(file, Passwords.forKey(session.context(), file));
  }

  /** The verifying key {@code reference} names: kms:ARN, or the file at {@code file}. */
  public static VerifyingKey verifying(Session session, String reference, Path file, AwsSettings aws, String configRegion) {
    if (inKms(reference)) {
      return KmsSigningKey.publicKey(session.aws(withArnRegion(aws, reference), configRegion), reference.substring(KmsSigningKey.PREFIX.length()));
    }
    if (Files.isRegularFile(file)) {
      String text;
      try {
        text = BoundedFiles.readString(file, Minisign.MAX_FILE_BYTES);
      } catch (IOException e) {
        throw CrossbatchException.usage("cannot read the public key " + file + ": " + IoErrors.reason(e), "check that the file is readable");
      }
      if (EcdsaKey.isPem(text)) {
        return EcdsaKey.ofPem(text).orElseThrow(() -> CrossbatchException.usage(file + " is a PEM public key, but not of a P-256 key",
            "give the .pub of a minisign key, or the PEM of the ECC_NIST_P256 KMS key that signed"));
      }
      return Minisign.readPublicKey(text, file.toString()); // the text just read, not the file again
    }
    return SigningKeys.readPublic(file); // says what is missing
  }

  /** The settings, with the KMS key ARN's region when none was asked for: the key lives there. */
  private static AwsSettings withArnRegion(AwsSettings aws, String reference) {
    Matcher m = KMS_ARN_REGION.matcher(reference.substring(KmsSigningKey.PREFIX.length()));
    return aws.region() == null && m.matches() ? new AwsSettings(m.group(1), aws.profile(), aws.endpoint()) : aws;
  }
}
