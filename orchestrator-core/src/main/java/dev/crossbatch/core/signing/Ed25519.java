package dev.crossbatch.core.signing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * Ed25519 from the JDK (RFC 8032), with keys as the raw 32 bytes minisign and libsodium store: the
 * seed for the secret key, the little-endian y with x's parity in the top bit for the public key.
 */
final class Ed25519 {
  /** A key pair as raw bytes: the 32-byte seed and the 32-byte public key. */
  record Raw(byte[] seed, byte[] publicKey) {}

  private Ed25519() {}

  static Raw generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, random);
      KeyPair pair = generator.generateKeyPair();
      byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
      return new Raw(seed, encode(((EdECPublicKey) pair.getPublic()).getPoint()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java has no Ed25519", e);
    }
  }

  static byte[] sign(byte[] seed, byte[] message) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)));
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** Whether {@code signature} is {@code publicKey}'s over {@code message}; false for a key that is no curve point. */
  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, decode(publicKey))));
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static byte[] encode(EdECPoint point) {
    byte[] bigEndian = point.getY().toByteArray();
    byte[] little = new byte[32];
    for (int i = 0; i < bigEndian.length && i < 32; i++) {
      little[i] = bigEndian[bigEndian.length - 1 - i];
    }
    if (point.isXOdd()) {
      little[31] |= (byte) 0x80;
    }
    return little;
  }

  static EdECPoint decode(byte[] encoded) {
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[i] = encoded[31 - i];
    }
    boolean xOdd = (bigEndian[0] & 0x80) != 0;
    bigEndian[0] &= 0x7f;
    return new EdECPoint(xOdd, new BigInteger(1, bigEndian));
  }
}
