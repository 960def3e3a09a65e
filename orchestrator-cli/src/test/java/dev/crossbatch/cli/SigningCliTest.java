package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.cli.Cli.Run;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.core.time.Sleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen and signed local releases, checked with Debian's minisign, the reference tool. */
class SigningCliTest {
  @TempDir Path dir;

  Path app() {
    return Example.genericApp(dir.resolve("app"), "[linux/amd64, darwin/arm64]", "mkdir -p out && echo \"$GOOS\" > out/os.txt");
  }

  /** The CLI with these variables (CROSSBATCH_SIGNING_PASSWORD) and nobody at a terminal. */
  Run run(Path in, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.remove("CROSSBATCH_SIGNING_PASSWORD");
    environment.putAll(env);
    CliContext context = new CliContext(in, new PrintWriter(out), new PrintWriter(err), false, false, environment, Clock.systemUTC(),
        Sleeper.real(), Interrupts.manual());
    int exit = Main.run(context, args);
    return new Run(exit, out.toString(), err.toString());
  }

  static Processes.Result minisign(Path in, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("minisign"));
    command.addAll(List.of(args));
    return Processes.run(in, Map.of(), command);
  }

  @Test
  void keygen_writesAKeyPairMinisignUses_keepsTheSecretOutOfGit_andRefusesToReplaceIt() throws Exception {
    Path repo = app();

    Run keygen = run(repo, Map.of(), "keygen", "--no-password");
    Run again = run(repo, Map.of(), "keygen", "--no-password");

    assertThat(keygen.exit()).as(keygen.err()).isZero();
    assertThat(keygen.out()).startsWith("public key RW").contains("secret key crossbatch.key (NOT encrypted: keep it in a secret store)");
    assertThat(keygen.err()).contains("added crossbatch.key to .gitignore");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(repo.resolve("crossbatch.key")))).isEqualTo("rw-------");
    assertThat(Processes.ok(repo, "git", "status", "--porcelain")).doesNotContain("crossbatch.key").contains("crossbatch.pub");
    Files.writeString(repo.resolve("file"), "x\n");
    assertThat(minisign(repo, "-S", "-W", "-s", "crossbatch.key", "-m", "file").exit()).isZero();
    assertThat(minisign(repo, "-Vm", "file", "-p", "crossbatch.pub").exit()).isZero();
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("crossbatch.key exists; a new key would make every signature made with it unverifiable");
  }

  @Test
  void keygen_withoutAPasswordOrATerminal_isRefused_andWritesNothing() {
    Run run = run(dir, Map.of(), "keygen");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("crossbatch: keygen encrypts the secret key with a password, and there is no terminal to type one\n")
        .contains("set CROSSBATCH_SIGNING_PASSWORD, or pass --no-password");
    assertThat(dir.resolve("crossbatch.key")).doesNotExist();
  }

  @Test
  void signedRelease_isVerifiedByMinisign_aTamperedSumsFileIsNot_andAnUnsignedReleaseLeavesNoStaleSignature() throws Exception {
    Path repo = app();
    Path keys = Files.createDirectories(dir.resolve("keys"));
    assertThat(run(keys, Map.of(), "keygen", "--no-password", "--out", "release.key").exit()).isZero();

    Run signed = run(repo, Map.of(), "release", "--sign-key", keys.resolve("release.key").toString());

    assertThat(signed.exit()).as(signed.err()).isZero();
    assertThat(signed.out()).contains("signed dist/SHA256SUMS.minisig, dist/manifest.json.minisig with key ")
        .contains("check: minisign -Vm dist/SHA256SUMS -p " + keys.resolve("release.pub"));
    Path pub = keys.resolve("release.pub");
    assertThat(minisign(repo.resolve("dist"), "-Vm", "SHA256SUMS", "-p", pub.toString()).output()).contains("Signature and comment signature verified");
    assertThat(minisign(repo.resolve("dist"), "-Vm", "manifest.json", "-p", pub.toString()).exit()).isZero();
    Files.writeString(repo.resolve("dist/SHA256SUMS"), Files.readString(repo.resolve("dist/SHA256SUMS")).replace('a', 'b'));
    assertThat(minisign(repo.resolve("dist"), "-Vm", "SHA256SUMS", "-p", pub.toString()).exit()).isNotZero();

    Run unsigned = run(repo, Map.of(), "release");
    assertThat(unsigned.exit()).as(unsigned.err()).isZero();
    assertThat(repo.resolve("dist/SHA256SUMS.minisig")).doesNotExist();
    assertThat(repo.resolve("dist/manifest.json.minisig")).doesNotExist();
  }

  @Test
  void anEncryptedKey_opensWithThePasswordFromTheEnvironment_andAWrongOneStopsTheReleaseBeforeAnyBuild() throws Exception {
    Path repo = app();
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Run keygen = run(keys, Map.of("CROSSBATCH_SIGNING_PASSWORD", "correct horse"), "keygen", "--output", "json");
    assertThat(keygen.exit()).as(keygen.err()).isZero();
    JsonNode written = new ObjectMapper().readTree(keygen.out());
    assertThat(written.get("encrypted").asBoolean()).isTrue();
    assertThat(written.get("keyId").asText()).matches("[0-9A-F]{16}");
    String key = keys.resolve("crossbatch.key").toString();

    Run wrong = run(repo, Map.of("CROSSBATCH_SIGNING_PASSWORD", "wrong"), "release", "--sign-key", key);
    Run none = run(repo, Map.of(), "release", "--sign-key", key);
    assertThat(repo.resolve(".crossbatch/batches")).doesNotExist();
    Run right = run(repo, Map.of("CROSSBATCH_SIGNING_PASSWORD", "correct horse"), "release", "--sign-key", key, "--output", "json");

    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).startsWith("crossbatch: cannot open the secret key " + key + ": wrong password, or the file is damaged");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).startsWith("crossbatch: " + key + " is encrypted and there is no terminal to type its password");
    assertThat(right.exit()).as(right.err()).isZero();
    assertThat(new ObjectMapper().readTree(right.out()).get("signatures")).hasSize(2);
    assertThat(minisign(repo.resolve("dist"), "-Vm", "SHA256SUMS", "-p", keys.resolve("crossbatch.pub").toString()).exit()).isZero();
  }

  @Test
  void signKeyInCrossbatchYml_signsEveryRelease_butKeyMaterialThereIsRefused() throws Exception {
    Path repo = app();
    Path keys = Files.createDirectories(dir.resolve("keys"));
    assertThat(run(keys, Map.of(), "keygen", "--no-password").exit()).isZero();
    Path config = repo.resolve("crossbatch.yml");
    String plain = Files.readString(config);
    Files.writeString(config, plain + "sign:\n  key: ../keys/crossbatch.key\n");
    Processes.ok(repo, "git", "commit", "-q", "-am", "sign");

    Run release = run(repo, Map.of(), "release");

    assertThat(release.exit()).as(release.err()).isZero();
    assertThat(minisign(repo.resolve("dist"), "-Vm", "SHA256SUMS", "-p", keys.resolve("crossbatch.pub").toString()).exit()).isZero();

    String publicKey = Files.readString(keys.resolve("crossbatch.pub")).lines().toList().get(1);
    Files.writeString(config, plain + "sign:\n  key: " + publicKey + "\n");
    Run validate = run(repo, Map.of(), "validate");
    assertThat(validate.exit()).isEqualTo(2);
    assertThat(validate.err()).contains("'sign.key' is the path of the secret key file, never the key itself");
  }

  @Test
  void verify_passesASignedRelease_andFailsWith4OnATamperedZip_anotherKey_orNoSignature() throws Exception {
    Path repo = app();
    Path keys = signedReleaseAndAnotherKey(repo);
    String pub = keys.resolve("crossbatch.pub").toString();

    Run ok = run(repo, Map.of(), "verify", "--key", pub);
    Run other = run(repo, Map.of(), "verify", "dist", "--key", keys.resolve("other.pub").toString());
    Path zip;
    try (var zips = Files.list(repo.resolve("dist"))) {
      zip = zips.filter(p -> p.toString().endsWith(".zip")).sorted().findFirst().orElseThrow();
    }
    Files.write(zip, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    Run tampered = run(repo, Map.of(), "verify", "--key", pub, "--output", "json");
    Files.delete(repo.resolve("dist/SHA256SUMS.minisig"));
    Run unsigned = run(repo, Map.of(), "verify", "--key", pub);
    Run noKey = run(repo, Map.of(), "verify");

    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("ok      SHA256SUMS (signature)\n", "ok      manifest.json (signature)\n")
        .contains("ok      app_" + sha7(repo) + ".intoto.jsonl (provenance)\n")
        .endsWith("verified 5 files of dist against key " + keyId(pub) + "\n"); // 2 zips, 2 SBOMs, the provenance
    assertThat(other.exit()).isEqualTo(4);
    assertThat(other.err()).contains("FAILED  SHA256SUMS (signature): signed with key ");
    assertThat(tampered.exit()).isEqualTo(4);
    JsonNode json = new ObjectMapper().readTree(tampered.out());
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("checks").findValues("problem").stream().filter(p -> !p.isNull()).map(JsonNode::asText).toList())
        .singleElement().asString().startsWith("SHA-256 ").contains(", SHA256SUMS lists ");
    assertThat(unsigned.exit()).isEqualTo(4);
    assertThat(unsigned.err()).contains("FAILED  SHA256SUMS (signature): no SHA256SUMS.minisig: the release is not signed");
    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err()).contains("pass --key crossbatch.pub");
  }

  @Test
  void downloadWithVerifyKey_takesSums_onlyWhenSignedByTheKey_andRefusesOtherwiseBeforeFetchingAnyZip() throws Exception {
    Path repo = app();
    Path keys = signedReleaseAndAnotherKey(repo);
    String pub = keys.resolve("crossbatch.pub").toString();

    Run ok = run(repo, Map.of(), "artifacts", "download", "--local", "--latest", "--dest", "ok", "--verify-key", pub, "--output", "json");
    Run foreign = run(repo, Map.of(), "artifacts", "download", "--local", "--latest", "--dest", "foreign", "--verify-key",
        keys.resolve("other.pub").toString());
    Path sums = repo.resolve("dist/SHA256SUMS");
    String listed = Files.readString(sums);
    Files.writeString(sums, listed.replaceFirst("^[0-9a-f]", listed.startsWith("0") ? "1" : "0"));
    Run tampered = run(repo, Map.of(), "artifacts", "download", "--local", "--latest", "--dest", "tampered", "--verify-key", pub);
    Files.writeString(sums, listed);
    Files.delete(repo.resolve("dist/SHA256SUMS.minisig"));
    Run unsigned = run(repo, Map.of(), "artifacts", "download", "--local", "--latest", "--dest", "unsigned", "--verify-key", pub);

    assertThat(ok.exit()).as(ok.err()).isZero();
    JsonNode files = new ObjectMapper().readTree(ok.out());
    assertThat(files).hasSize(2);
    files.forEach(f -> assertThat(f.get("verifiedBy").asText()).endsWith("SHA256SUMS (signed by " + keyId(pub) + ")"));
    assertThat(foreign.exit()).isEqualTo(4);
    assertThat(foreign.err()).contains("signed with key ");
    assertThat(tampered.exit()).isEqualTo(4);
    assertThat(tampered.err()).contains("signature verification failed: the file is not the one signed");
    assertThat(unsigned.exit()).isEqualTo(4);
    assertThat(unsigned.err()).contains("has no signature (SHA256SUMS.minisig): this release is not signed");
    for (String refused : List.of("foreign", "tampered", "unsigned")) {
      try (var left = Files.walk(repo)) {
        assertThat(left.filter(p -> p.toString().contains("/" + refused + "/") && p.toString().endsWith(".zip")).toList()).as(refused).isEmpty();
      }
    }
  }

  /** Two key pairs in keys/ (crossbatch.key, other.key), and a release of {@code repo} signed with the first; returns keys/. */
  Path signedReleaseAndAnotherKey(Path repo) throws java.io.IOException {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    assertThat(run(keys, Map.of(), "keygen", "--no-password").exit()).isZero();
    assertThat(run(keys, Map.of(), "keygen", "--no-password", "--out", "other.key").exit()).isZero();
    assertThat(run(repo, Map.of(), "release", "--sign-key", keys.resolve("crossbatch.key").toString()).exit()).isZero();
    return keys;
  }

  static String sha7(Path repo) {
    return Processes.ok(repo, "git", "rev-parse", "--short=7", "HEAD").trim();
  }

  static String keyId(String pub) {
    return dev.crossbatch.core.signing.SigningKeys.readPublic(Path.of(pub)).id();
  }
}
