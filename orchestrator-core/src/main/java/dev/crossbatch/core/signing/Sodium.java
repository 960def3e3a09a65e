package dev.crossbatch.core.signing;

import dev.crossbatch.core.error.CrossbatchException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.SCrypt;

/** The key derivation of minisign's encrypted secret keys, as libsodium chooses its parameters. */
final class Sodium {
  private Sodium() {}

  /** libsodium's crypto_pwhash_scryptsalsa208sha256: its parameter choice from the two limits, then scrypt. */
  static byte[] scrypt(char[] password, byte[] salt, long opslimit, long memlimit, int length) {
    long ops = Math.max(opslimit, 32768);
    int r = 8;
    int nLog2;
    int p;
    if (ops < memlimit / 32) {
      p = 1;
      long maxN = ops / (r * 4L);
      nLog2 = log2Limit(maxN);
    } else {
      long maxN = memlimit / (r * 128L);
      nLog2 = log2Limit(maxN);
      long maxrp = (ops / 4) / (1L << nLog2);
      p = (int) (Math.min(maxrp, 0x3fffffff) / r);
    }
    long needed = 128L * r * (1L << nLog2);
    if (needed > Runtime.getRuntime().maxMemory() * 9 / 10) {
      throw CrossbatchException.usage("the key's scrypt needs " + (needed >> 20) + " MiB of memory and this Java may use "
          + (Runtime.getRuntime().maxMemory() >> 20) + " MiB", "give it more: CROSSBATCH_OPTS=-Xmx" + ((needed >> 30) + 1) + "g");
    }
    byte[] secret = new String(password).getBytes(StandardCharsets.UTF_8);
    try {
      return SCrypt.generate(secret, salt, 1 << nLog2, r, Math.max(p, 1), length);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private static int log2Limit(long maxN) {
    int nLog2 = 1;
    while (nLog2 < 63 && (1L << nLog2) <= maxN / 2) {
      nLog2++;
    }
    return nLog2;
  }
}
