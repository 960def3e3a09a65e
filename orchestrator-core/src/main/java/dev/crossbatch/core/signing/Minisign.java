package dev.crossbatch.core.signing;

import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * minisign's key and signature files (https://jedisct1.github.io/minisign/), written and read so
 * that the reference tool verifies what crossbatch signs and signs with crossbatch's keys: Ed25519
 * keys, BLAKE2b-prehashed signatures ("ED") with a signed trusted comment, secret keys encrypted with
 * scrypt as libsodium derives it, or stored plain (minisign -W). Facts in docs/signing.md.
 */
public final class Minisign {
  static final byte[] ED = {'E', 'd'};
  static final byte[] PREHASHED = {'E', 'D'};
  static final byte[] SCRYPT = {'S', 'c'};
  static final byte[] NO_KDF = {0, 0};
  static final byte[] BLAKE2B = {'B', '2'};
  /** Key and signature files are a few hundred bytes; one larger than this is not minisign's. */
  public static final int MAX_FILE_BYTES = 4096;
  /** libsodium's scryptsalsa208sha256 "sensitive" limits, minisign's defaults: N = 2^20, r = 8, p = 1 (1 GiB). */
  public static final long OPSLIMIT = 33554432L;
  public static final long MEMLIMIT = 1073741824L;

  /** A public key: its 8-byte id and 32-byte Ed25519 key. */
  public record PublicKey(byte[] keyId, byte[] key) implements VerifyingKey {
    @Override
    public String signatureSuffix() {
      return ReleaseSigner.SUFFIX;
    }

    @Override
    public void verify(byte[] content, String signatureFile) throws SignatureException {
      Minisign.verify(this, content, signatureFile);
    }

    @Override
    public boolean verifyRaw(byte[] message, byte[] signature) {
      return signature.length == 64 && Ed25519.verify(key, message, signature);
    }

    /** minisign's key id, as its files and messages print it. */
    public String id() {
      return Minisign.id(keyId);
    }

    /** The one-line form ({@code minisign -P}). */
    public String base64() {
      return Base64.getEncoder().encodeToString(concat(ED, keyId, key));
    }

    /** The .pub file. */
    public String file() {
      return "untrusted comment: minisign public key " + id() + "\n" + base64() + "\n";
    }
  }

  /** A secret key: its id, the Ed25519 seed and the public key. */
  public record SecretKey(byte[] keyId, byte[] seed, byte[] publicKey) implements SigningKey {
    @Override
    public VerifyingKey verifyingKey() {
      return pub();
    }

    @Override
    public String signatureFile(byte[] content, String fileName, long epochSeconds) {
      return Minisign.sign(this, content, fileName, epochSeconds);
    }

    @Override
    public byte[] signRaw(byte[] message) {
      return Ed25519.sign(seed, message);
    }

    public PublicKey pub() {
      return new PublicKey(keyId, publicKey);
    }
  }

  private Minisign() {}

  /** A fresh key pair with a random id. */
  public static SecretKey generate(SecureRandom random) {
    Ed25519.Raw raw = Ed25519.generate(random);
    byte[] id = new byte[8];
    random.nextBytes(id);
    return new SecretKey(id, raw.seed(), raw.publicKey());
  }

  /**
   * The secret key file: encrypted with {@code password} (scrypt with {@code opslimit} and
   * {@code memlimit}, stored in the file for minisign to derive the same), or plain when it is null.
   */
  public static String secretKeyFile(SecretKey key, char[] password, SecureRandom random, long opslimit, long memlimit) {
    byte[] salt = new byte[32];
    random.nextBytes(salt);
    byte[] secret = concat(key.seed(), key.publicKey());
    byte[] keynum = concat(key.keyId(), secret, blake2b(32, concat(ED, key.keyId(), secret)));
    if (password != null) {
      xor(keynum, Sodium.scrypt(password, salt, opslimit, memlimit, keynum.length));
    }
    byte[] body = concat(ED, password == null ? NO_KDF : SCRYPT, BLAKE2B, salt, le64(opslimit), le64(memlimit), keynum);
    return "untrusted comment: minisign " + (password == null ? "" : "encrypted ") + "secret key\n" + Base64.getEncoder().encodeToString(body) + "\n";
  }

  /**
   * Reads a secret key file; {@code password} is asked only when the key is encrypted. A wrong
   * password shows as a checksum that does not match, as minisign reports it.
   */
  public static SecretKey readSecretKey(String text, String where, Supplier<char[]> password) {
    byte[] body = decodeLine(text, 1, where, "a minisign secret key");
    if (body.length != 158 || !Arrays.equals(Arrays.copyOfRange(body, 0, 2), ED) || !Arrays.equals(Arrays.copyOfRange(body, 4, 6), BLAKE2B)) {
      throw notA(where, "a minisign secret key");
    }
    byte[] kdf = Arrays.copyOfRange(body, 2, 4);
    byte[] keynum = Arrays.copyOfRange(body, 54, 158);
    if (Arrays.equals(kdf, SCRYPT)) {
      long opslimit = ByteBuffer.wrap(body, 38, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      long memlimit = ByteBuffer.wrap(body, 46, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (opslimit < 0 || memlimit < 0 || memlimit > (4L << 30)) {
        throw notA(where, "a minisign secret key (its scrypt limits are out of range)");
      }
      xor(keynum, Sodium.scrypt(password.get(), Arrays.copyOfRange(body, 6, 38), opslimit, memlimit, keynum.length));
    } else if (!Arrays.equals(kdf, NO_KDF)) {
      throw notA(where, "a minisign secret key (unknown key derivation)");
    }
    byte[] id = Arrays.copyOfRange(keynum, 0, 8);
    byte[] secret = Arrays.copyOfRange(keynum, 8, 72);
    byte[] checksum = Arrays.copyOfRange(keynum, 72, 104);
    // minisign -W leaves a plain key's checksum zero and does not check it; an encrypted key's proves the password
    boolean unchecked = Arrays.equals(kdf, NO_KDF) && Arrays.equals(checksum, new byte[32]);
    if (!unchecked && !MessageDigest.isEqual(checksum, blake2b(32, concat(ED, id, secret)))) {
      throw new CrossbatchException(ErrorKind.USAGE, "cannot open the secret key " + where + ": wrong password, or the file is damaged",
          "give its password in CROSSBATCH_SIGNING_PASSWORD (or at the prompt)");
    }
    return new SecretKey(id, Arrays.copyOfRange(secret, 0, 32), Arrays.copyOfRange(secret, 32, 64));
  }

  /** Reads a .pub file, or the one-line key alone. */
  public static PublicKey readPublicKey(String text, String where) {
    String[] lines = text.strip().split("\r?\n");
    byte[] body = decodeLine(lines[lines.length - 1], 0, where, "a minisign public key");
    if (body.length != 42 || !Arrays.equals(Arrays.copyOfRange(body, 0, 2), ED)) {
      throw notA(where, "a minisign public key");
    }
    return new PublicKey(Arrays.copyOfRange(body, 2, 10), Arrays.copyOfRange(body, 10, 42));
  }

  /**
   * The .minisig of {@code content}: prehashed with BLAKE2b-512 ("ED"), with a trusted comment
   * (timestamp and file name, as minisign writes it) signed along with the signature.
   */
  public static String sign(SecretKey key, byte[] content, String fileName, long epochSeconds) {
    return sign(key.keyId(), message -> Ed25519.sign(key.seed(), message), content, fileName, epochSeconds);
  }

  /** The same with any Ed25519 signer of key {@code keyId}: a key in KMS signs here too. */
  public static String sign(byte[] keyId, java.util.function.UnaryOperator<byte[]> ed25519, byte[] content, String fileName, long epochSeconds) {
    byte[] signature = ed25519.apply(blake2b(64, content));
    String trusted = "timestamp:" + epochSeconds + "\tfile:" + fileName + "\thashed";
    byte[] global = ed25519.apply(concat(signature, trusted.getBytes(StandardCharsets.UTF_8)));
    return "untrusted comment: signature from crossbatch secret key " + id(keyId) + "\n"
        + Base64.getEncoder().encodeToString(concat(PREHASHED, keyId, signature)) + "\n"
        + "trusted comment: " + trusted + "\n"
        + Base64.getEncoder().encodeToString(global) + "\n";
  }

  /** What a signature says once it is checked: its trusted comment. */
  public record Verified(String trustedComment) {}

  /**
   * Checks a .minisig against {@code content} and {@code key}, as {@code minisign -V} does: the key
   * id, the signature over the content (prehashed or legacy), and the trusted comment's signature.
   *
   * @throws SignatureException naming what did not match
   */
  public static Verified verify(PublicKey key, byte[] content, String signatureFile) throws SignatureException {
    String[] lines = signatureFile.split("\r?\n");
    if (lines.length < 4 || !lines[0].startsWith("untrusted comment:") || !lines[2].startsWith("trusted comment: ")) {
      throw new SignatureException("not a minisign signature file");
    }
    byte[] sig;
    byte[] global;
    try {
      sig = Base64.getDecoder().decode(lines[1].strip());
      global = Base64.getDecoder().decode(lines[3].strip());
    } catch (IllegalArgumentException e) {
      throw new SignatureException("not a minisign signature file (bad base64)");
    }
    if (sig.length != 74 || global.length != 64) {
      throw new SignatureException("not a minisign signature file (wrong length)");
    }
    byte[] alg = Arrays.copyOfRange(sig, 0, 2);
    byte[] id = Arrays.copyOfRange(sig, 2, 10);
    byte[] signature = Arrays.copyOfRange(sig, 10, 74);
    if (!Arrays.equals(id, key.keyId())) {
      throw new SignatureException("signed with key " + Minisign.id(id) + ", not with " + key.id());
    }
    byte[] message;
    if (Arrays.equals(alg, PREHASHED)) {
      message = blake2b(64, content);
    } else if (Arrays.equals(alg, ED)) {
      message = content;
    } else {
      throw new SignatureException("unknown signature algorithm");
    }
    if (!Ed25519.verify(key.key(), message, signature)) {
      throw new SignatureException("signature verification failed: the file is not the one signed");
    }
    String trusted = lines[2].substring("trusted comment: ".length());
    if (!Ed25519.verify(key.key(), concat(signature, trusted.getBytes(StandardCharsets.UTF_8)), global)) {
      throw new SignatureException("the trusted comment was changed after signing");
    }
    return new Verified(trusted);
  }

  /** A signature that does not check. */
  public static final class SignatureException extends Exception {
    public SignatureException(String message) {
      super(message);
    }
  }

  static String id(byte[] keyId) {
    byte[] reversed = new byte[8];
    for (int i = 0; i < 8; i++) {
      reversed[i] = keyId[7 - i];
    }
    return HexFormat.of().formatHex(reversed).toUpperCase(Locale.ROOT);
  }

  static byte[] blake2b(int bytes, byte[] data) {
    Blake2bDigest digest = new Blake2bDigest(bytes * 8);
    digest.update(data, 0, data.length);
    byte[] out = new byte[bytes];
    digest.doFinal(out, 0);
    return out;
  }

  private static byte[] decodeLine(String text, int index, String where, String what) {
    String[] lines = text.strip().split("\r?\n");
    String line = lines.length > index ? lines[index].strip() : "";
    try {
      return Base64.getDecoder().decode(line);
    } catch (IllegalArgumentException e) {
      throw notA(where, what);
    }
  }

  private static CrossbatchException notA(String where, String what) {
    return CrossbatchException.usage(where + " is not " + what, "give the file 'crossbatch keygen' (or minisign -G) wrote");
  }

  private static byte[] le64(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }

  private static void xor(byte[] data, byte[] stream) {
    for (int i = 0; i < data.length; i++) {
      data[i] ^= stream[i];
    }
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
