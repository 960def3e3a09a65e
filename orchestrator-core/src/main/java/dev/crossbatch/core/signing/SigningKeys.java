package dev.crossbatch.core.signing;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.io.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.function.Supplier;

/** crossbatch keygen, and the signing key a release is given: minisign key files on disk. */
public final class SigningKeys {
  /** What keygen wrote. */
  public record Written(Path secretKey, Path publicKey, Minisign.PublicKey key, boolean encrypted) {}

  /** Where keygen writes by default. */
  public static final String DEFAULT_KEY = "crossbatch.key";

  private SigningKeys() {}

  /** The public key's file beside a secret key: {@code NAME.pub} for {@code NAME.key}, else {@code FILE.pub}. */
  public static Path publicKeyFile(Path secretKey) {
    String name = secretKey.getFileName().toString();
    return secretKey.resolveSibling((name.endsWith(".key") ? name.substring(0, name.length() - 4) : name) + ".pub");
  }

  /**
   * Writes a new key pair: the secret key (owner-only, encrypted with {@code password} unless it is
   * null) and its public key beside it. Refuses to replace either unless {@code force}.
   */
  public static Written generate(Path secretKey, char[] password, boolean force, SecureRandom random) {
    Path publicKey = publicKeyFile(secretKey);
    for (Path file : new Path[] {secretKey, publicKey}) {
      if (Files.exists(file) && !force) {
        throw CrossbatchException.usage(file + " exists; a new key would make every signature made with it unverifiable",
            "keep it, or pass --force to replace it");
      }
    }
    Minisign.SecretKey key = Minisign.generate(random);
    String secret = Minisign.secretKeyFile(key, password, random, Minisign.OPSLIMIT, Minisign.MEMLIMIT);
    try {
      Path parent = secretKey.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path part = Files.createTempFile(parent, ".crossbatch-key", ".part",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(part, secret, StandardCharsets.UTF_8);
        AtomicFiles.replace(part, secretKey);
      } finally {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      throw IoErrors.cannot("write", secretKey, e);
    }
    AtomicFiles.write(publicKey, key.pub().file());
    return new Written(secretKey, publicKey, key.pub(), password != null);
  }

  /** Reads a public key file (.pub, or the one-line key alone). */
  public static Minisign.PublicKey readPublic(Path publicKey) {
    if (!Files.isRegularFile(publicKey)) {
      throw CrossbatchException.usage("no public key " + publicKey, "give the .pub that 'crossbatch keygen' wrote beside the secret key");
    }
    try {
      return Minisign.readPublicKey(BoundedFiles.readString(publicKey, Minisign.MAX_FILE_BYTES), publicKey.toString());
    } catch (IOException e) {
      throw CrossbatchException.usage("cannot read the public key " + publicKey + ": " + IoErrors.reason(e), "check that the file is readable");
    }
  }

  /** Reads and opens a secret key file ({@code password} asked only when it is encrypted). */
  public static Minisign.SecretKey read(Path secretKey, Supplier<char[]> password) {
    if (!Files.isRegularFile(secretKey)) {
      throw CrossbatchException.usage("no signing key " + secretKey, "write one with 'crossbatch keygen', or give the path of yours");
    }
    try {
      return Minisign.readSecretKey(BoundedFiles.readString(secretKey, Minisign.MAX_FILE_BYTES), secretKey.toString(), password);
    } catch (IOException e) {
      throw CrossbatchException.usage("cannot read " + secretKey + ": " + IoErrors.reason(e), "check that the file is readable");
    }
  }
}
