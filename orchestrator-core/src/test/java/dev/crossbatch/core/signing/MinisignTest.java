package dev.crossbatch.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.error.CrossbatchException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** minisign's files, checked against the reference tool (Debian's minisign) both ways. */
class MinisignTest {
  /** libsodium's "interactive" scrypt limits (N = 2^14): enough to prove the derivation, quick in a test. */
  static final long OPS = 524288L;
  static final long MEM = 16777216L;

  @TempDir Path dir;
  final SecureRandom random = new SecureRandom();

  record Result(int exit, String output) {}

  Result minisign(String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("minisign"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("minisign ended").isTrue();
    return new Result(process.exitValue(), output);
  }

  @Test
  void ourSignature_ofOurKey_isVerifiedByMinisign_andATamperedFileIsNot() throws Exception {
    Minisign.SecretKey key = Minisign.generate(random);
    Files.writeString(dir.resolve("k.pub"), key.pub().file());
    byte[] sums = "abc  hello_linux_amd64_3f9c2e1.zip\n".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("SHA256SUMS"), sums);
    Files.writeString(dir.resolve("SHA256SUMS.minisig"), Minisign.sign(key, sums, "SHA256SUMS", 1_796_000_000L));

    Result ok = minisign("", "-Vm", "SHA256SUMS", "-p", "k.pub");
    Files.writeString(dir.resolve("SHA256SUMS"), "abd  hello_linux_amd64_3f9c2e1.zip\n");
    Result tampered = minisign("", "-Vm", "SHA256SUMS", "-p", "k.pub");

    assertThat(ok.exit()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("Signature and comment signature verified", "Trusted comment: timestamp:1796000000\tfile:SHA256SUMS\thashed");
    assertThat(tampered.exit()).isNotZero();
    assertThat(tampered.output()).contains("Signature verification failed");
  }

  @Test
  void ourPlainSecretKey_signsWithMinisign() throws Exception {
    Minisign.SecretKey key = Minisign.generate(random);
    Files.writeString(dir.resolve("k.key"), Minisign.secretKeyFile(key, null, random, 0, 0));
    Files.writeString(dir.resolve("k.pub"), key.pub().file());
    Files.writeString(dir.resolve("file"), "payload\n");

    Result signed = minisign("", "-S", "-W", "-s", "k.key", "-m", "file");
    Result verified = minisign("", "-Vm", "file", "-p", "k.pub");

    assertThat(signed.exit()).as(signed.output()).isZero();
    assertThat(verified.exit()).as(verified.output()).isZero();
    assertThat(Minisign.readSecretKey(Files.readString(dir.resolve("k.key")), "k.key", () -> null).seed()).isEqualTo(key.seed());
  }

  @Test
  void minisignsKeysAndSignatures_areReadAndCheckedHere() throws Exception {
    assertThat(minisign("", "-G", "-W", "-p", "m.pub", "-s", "m.key").exit()).isZero();
    Files.writeString(dir.resolve("file"), "payload\n");
    assertThat(minisign("", "-S", "-W", "-s", "m.key", "-m", "file").exit()).isZero();
    assertThat(minisign("", "-S", "-W", "-l", "-s", "m.key", "-x", "legacy.minisig", "-m", "file").exit()).isZero();

    Minisign.PublicKey pub = Minisign.readPublicKey(Files.readString(dir.resolve("m.pub")), "m.pub");
    Minisign.SecretKey secret = Minisign.readSecretKey(Files.readString(dir.resolve("m.key")), "m.key", () -> null);
    byte[] content = Files.readAllBytes(dir.resolve("file"));

    assertThat(Minisign.verify(pub, content, Files.readString(dir.resolve("file.minisig"))).trustedComment()).startsWith("timestamp:");
    assertThat(Minisign.verify(pub, content, Files.readString(dir.resolve("legacy.minisig"))).trustedComment()).startsWith("timestamp:");
    // the seed alone gives the public key minisign stored beside it
    assertThat(Ed25519.generate(new FixedSeed(secret.seed())).publicKey()).isEqualTo(secret.publicKey()).isEqualTo(pub.key());
    // the same file, but for the key id's leading zeros: Debian's minisign 0.11 prints it as %PRIX64,
    // newer ones (and crossbatch) as %016PRIX64, so one key in 16 reads "0..." here and not there
    String[] ours = secret.pub().file().split("\n");
    String[] theirs = Files.readString(dir.resolve("m.pub")).split("\n");
    assertThat(ours[1]).isEqualTo(theirs[1]);
    assertThat(ours[0].replaceFirst("key 0+", "key ")).isEqualTo(theirs[0].replaceFirst("key 0+", "key "));
    assertThatThrownBy(() -> Minisign.verify(pub, "payload!\n".getBytes(StandardCharsets.UTF_8), Files.readString(dir.resolve("file.minisig"))))
        .isInstanceOf(Minisign.SignatureException.class).hasMessage("signature verification failed: the file is not the one signed");
  }

  /** Hands the JDK's key generator a given seed: the JDK's only way to derive the public key a seed makes. */
  static final class FixedSeed extends SecureRandom {
    private final byte[] seed;

    FixedSeed(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
    }
  }

  @Test
  void anEncryptedKeyOfOurs_isOpenedByMinisignWithItsPassword_andByUs() throws Exception {
    Minisign.SecretKey key = Minisign.generate(random);
    Files.writeString(dir.resolve("k.key"), Minisign.secretKeyFile(key, "correct horse".toCharArray(), random, OPS, MEM));
    Files.writeString(dir.resolve("k.pub"), key.pub().file());
    Files.writeString(dir.resolve("file"), "payload\n");

    Result signed = minisign("correct horse\n", "-S", "-s", "k.key", "-m", "file");
    Result verified = minisign("", "-Vm", "file", "-p", "k.pub");
    Minisign.SecretKey opened = Minisign.readSecretKey(Files.readString(dir.resolve("k.key")), "k.key", "correct horse"::toCharArray);

    assertThat(signed.exit()).as(signed.output()).isZero();
    assertThat(verified.exit()).as(verified.output()).isZero();
    assertThat(opened.seed()).isEqualTo(key.seed());
    assertThatThrownBy(() -> Minisign.readSecretKey(Files.readString(dir.resolve("k.key")), "k.key", "wrong"::toCharArray))
        .isInstanceOf(CrossbatchException.class).hasMessage("cannot open the secret key k.key: wrong password, or the file is damaged");
  }

  @Test
  void aChangedTrustedComment_orAnotherKey_failsVerification() throws Exception {
    Minisign.SecretKey key = Minisign.generate(random);
    Minisign.SecretKey other = Minisign.generate(random);
    byte[] content = "x".getBytes(StandardCharsets.UTF_8);
    String signature = Minisign.sign(key, content, "x", 1L);

    assertThat(Minisign.verify(key.pub(), content, signature).trustedComment()).isEqualTo("timestamp:1\tfile:x\thashed");
    assertThatThrownBy(() -> Minisign.verify(key.pub(), content, signature.replace("file:x", "file:y")))
        .isInstanceOf(Minisign.SignatureException.class).hasMessage("the trusted comment was changed after signing");
    assertThatThrownBy(() -> Minisign.verify(other.pub(), content, signature))
        .isInstanceOf(Minisign.SignatureException.class).hasMessageStartingWith("signed with key " + key.pub().id() + ", not with ");
    assertThatThrownBy(() -> Minisign.readPublicKey("untrusted comment: x\nnot base64!\n", "k.pub"))
        .isInstanceOf(CrossbatchException.class).hasMessage("k.pub is not a minisign public key");
  }
}
