package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossbatch.cli.Cli.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed release's SBOMs and provenance: the DSSE envelope checked by a verifier written here from
 * the DSSE spec alone, and verify failing with 4 on each part tampered with.
 */
class SupplyChainCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  Path repo;
  Path keys;
  String pub;
  String sha7;

  @BeforeEach
  void signedRelease() throws Exception {
    repo = Example.genericApp(dir.resolve("app"), "[linux/amd64, darwin/arm64]", "mkdir -p out && echo \"$GOOS\" > out/os.txt");
    keys = Files.createDirectories(dir.resolve("keys"));
    assertThat(Cli.run(keys, "keygen", "--no-password").exit()).isZero();
    assertThat(Cli.run(keys, "keygen", "--no-password", "--out", "other.key").exit()).isZero();
    Run release = Cli.run(repo, "release", "--sign-key", keys.resolve("crossbatch.key").toString());
    assertThat(release.exit()).as(release.err()).isZero();
    pub = keys.resolve("crossbatch.pub").toString();
    sha7 = SigningCliTest.sha7(repo);
  }

  @Test
  void provenance_isADsseEnvelope_thatAVerifierWrittenFromTheSpecAccepts_withEveryZipAsASubject() throws Exception {
    List<String> lines = Files.readAllLines(repo.resolve("dist/app_" + sha7 + ".intoto.jsonl"));
    assertThat(lines).hasSize(2); // one statement per archive
    byte[] minisignKey = Base64.getDecoder().decode(Files.readAllLines(Path.of(pub)).get(1)); // "Ed" + 8-byte id + 32-byte key
    PublicKey ed25519 = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
        concat(HexFormat.of().parseHex("302a300506032b6570032100"), Arrays.copyOfRange(minisignKey, 10, 42))));
    List<String> subjects = new ArrayList<>();
    JsonNode statement = null;
    for (String line : lines) {
      JsonNode envelope = JSON.readTree(line);
      byte[] payload = Base64.getDecoder().decode(envelope.get("payload").asText());
      String type = envelope.get("payloadType").asText();
      // DSSE v1: PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, LEN in ASCII decimal bytes
      byte[] pae = concat(String.format("DSSEv1 %d %s %d ", type.getBytes(StandardCharsets.UTF_8).length, type, payload.length)
          .getBytes(StandardCharsets.UTF_8), payload);
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(ed25519);
      verifier.update(pae);

      assertThat(type).isEqualTo("application/vnd.in-toto+json");
      assertThat(envelope.get("signatures")).hasSize(1);
      assertThat(verifier.verify(Base64.getDecoder().decode(envelope.at("/signatures/0/sig").asText()))).isTrue();
      assertThat(envelope.at("/signatures/0/keyid").asText()).isEqualTo(SigningCliTest.keyId(pub));
      statement = JSON.readTree(payload);
      assertThat(statement.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
      assertThat(statement.get("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
      assertThat(statement.get("subject")).hasSize(1);
      statement.get("subject").forEach(sub -> subjects.add(sub.get("name").asText() + " " + sub.at("/digest/sha256").asText()));
    }
    assertThat(subjects).containsExactlyInAnyOrderElementsOf(Files.readAllLines(repo.resolve("dist/SHA256SUMS")).stream()
        .filter(l -> l.endsWith(".zip")).map(l -> l.substring(66) + " " + l.substring(0, 64)).toList());
    JsonNode predicate = statement.get("predicate");
    assertThat(predicate.at("/buildDefinition/buildType").asText()).isEqualTo("https://crossbatch.dev/provenance/batch/v1");
    assertThat(predicate.at("/buildDefinition/externalParameters/commit").asText()).startsWith(sha7);
    assertThat(predicate.at("/buildDefinition/externalParameters/files/crossbatch.yml/sha256").asText())
        .isEqualTo(Processes.ok(repo, "sha256sum", "crossbatch.yml").substring(0, 64));
    assertThat(predicate.at("/buildDefinition/resolvedDependencies/0/digest/gitCommit").asText()).startsWith(sha7);
    assertThat(predicate.at("/runDetails/builder/id").asText()).isEqualTo("https://crossbatch.dev/builders/local");
    assertThat(predicate.at("/runDetails/metadata/startedOn").asText()).isNotEmpty();
  }

  @Test
  void verify_failsWith4_namingWhatWasTamperedWith() throws Exception {
    Map<String, Consumer<Path>> tampering = new java.util.LinkedHashMap<>();
    tampering.put("zip", d -> append(d.resolve("app_linux_amd64_" + sha7 + ".zip")));
    tampering.put("sbom", d -> replace(d.resolve("app_linux_amd64_" + sha7 + ".zip.cdx.json"), "\"SHA-256\"", "\"SHA-512\""));
    tampering.put("sums", d -> replace(d.resolve("SHA256SUMS"), "app_darwin", "app_Darwin"));
    tampering.put("signature", d -> flipLast(d.resolve("SHA256SUMS.minisig")));
    tampering.put("manifest", d -> replace(d.resolve("manifest.json"), "\"linux/amd64\"", "\"linux/386\""));
    tampering.put("provenance", d -> replace(d.resolve("app_" + sha7 + ".intoto.jsonl"), "\"sig\":\"", "\"sig\":\"A"));
    Map<String, String> expected = Map.of(
        "zip", "FAILED  app_linux_amd64_" + sha7 + ".zip (sha256): SHA-256 ",
        "sbom", "FAILED  app_linux_amd64_" + sha7 + ".zip.cdx.json (sha256): SHA-256 ",
        "sums", "FAILED  SHA256SUMS (signature): ",
        "signature", "FAILED  SHA256SUMS (signature): ",
        "manifest", "FAILED  manifest.json (signature): ",
        "provenance", "FAILED  app_" + sha7 + ".intoto.jsonl (sha256): SHA-256 ");
    for (var t : tampering.entrySet()) {
      Path copy = copyDist(t.getKey());
      t.getValue().accept(copy);
      Run verify = Cli.run(repo, "verify", copy.toString(), "--key", pub);
      assertThat(verify.exit()).as(t.getKey() + ": " + verify.out() + verify.err()).isEqualTo(4);
      assertThat(verify.err()).as(t.getKey()).contains(expected.get(t.getKey()));
    }
    assertThat(Cli.run(repo, "verify", "--key", pub).exit()).as("the release itself is untouched").isZero();
  }

  @Test
  void aProvenanceResignedWithAnotherKey_andSumsMadeToMatch_stillFailsOnTheSumsSignature() throws Exception {
    Path copy = copyDist("resigned");
    Path provenance = copy.resolve("app_" + sha7 + ".intoto.jsonl");
    ObjectNode envelope = (ObjectNode) JSON.readTree(Files.readString(provenance));
    ((ObjectNode) envelope.at("/signatures/0")).put("sig", Base64.getEncoder().encodeToString(new byte[64]));
    Files.writeString(provenance, JSON.writeValueAsString(envelope) + "\n");
    String sha = Processes.ok(copy, "sha256sum", provenance.getFileName().toString()).substring(0, 64);
    List<String> sums = new ArrayList<>();
    Files.readAllLines(copy.resolve("SHA256SUMS")).forEach(l -> sums.add(l.endsWith(".intoto.jsonl") ? sha + l.substring(64) : l));
    Files.write(copy.resolve("SHA256SUMS"), sums);

    Run verify = Cli.run(repo, "verify", copy.toString(), "--key", pub, "--output", "json");

    assertThat(verify.exit()).isEqualTo(4);
    assertThat(JSON.readTree(verify.out()).get("checks").get(0).get("problem").asText()).contains("not the one signed");
  }

  @Test
  void anSbomSwappedForAnotherZipsSbom_isCaughtBySha256sums_evenBeforeItsComponent() throws Exception {
    Path copy = copyDist("swapped");
    Files.copy(copy.resolve("app_darwin_arm64_" + sha7 + ".zip.cdx.json"), copy.resolve("app_linux_amd64_" + sha7 + ".zip.cdx.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Run verify = Cli.run(repo, "verify", copy.toString(), "--key", pub);

    assertThat(verify.exit()).isEqualTo(4);
    assertThat(verify.err()).contains("FAILED  app_linux_amd64_" + sha7 + ".zip.cdx.json (sha256)")
        .contains("FAILED  app_linux_amd64_" + sha7 + ".zip.cdx.json (sbom): does not describe app_linux_amd64_" + sha7 + ".zip");
  }

  @Test
  void downloadWithVerifyKey_checksTheProvenanceTheSignedListNames_beforeAnyZipLands() throws Exception {
    Run ok = Cli.run(repo, "artifacts", "download", "--local", "--latest", "--dest", "ok", "--verify-key", pub);
    Files.delete(repo.resolve("dist/app_" + sha7 + ".intoto.jsonl"));
    Run missing = Cli.run(repo, "artifacts", "download", "--local", "--latest", "--dest", "missing", "--verify-key", pub);

    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(repo.resolve("ok/app_linux_amd64_" + sha7 + ".zip")).exists();
    assertThat(missing.exit()).isEqualTo(4);
    assertThat(missing.err()).contains("app_" + sha7 + ".intoto.jsonl is missing, and the signed SHA256SUMS lists it");
    assertThat(repo.resolve("missing")).doesNotExist();
  }

  @Test
  void inALocalReleaseFolder_anEarlierCommitsZipsAreLeftOver_notAnIncompleteRelease() throws Exception {
    Files.writeString(repo.resolve("NOTES.txt"), "next\n");
    Processes.ok(repo, "git", "add", "-A");
    Processes.ok(repo, "git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "next");
    assertThat(Cli.run(repo, "release", "--sign-key", keys.resolve("crossbatch.key").toString()).exit()).isZero();

    Run list = Cli.run(repo, "artifacts", "list", "--local", "--output", "json");

    java.util.Map<String, String> releases = new java.util.TreeMap<>();
    JSON.readTree(list.out()).forEach(z -> releases.put(z.get("commit").asText(), z.get("release").asText()));
    assertThat(releases).containsEntry(sha7, "unpublished").containsEntry(SigningCliTest.sha7(repo), "complete").hasSize(2);
    assertThat(list.err()).doesNotContain("incomplete");
  }

  private Path copyDist(String name) throws Exception {
    Path copy = Files.createDirectories(dir.resolve("copies").resolve(name));
    try (Stream<Path> files = Files.list(repo.resolve("dist"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  private static void append(Path file) {
    try {
      Files.write(file, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void replace(Path file, String from, String to) {
    try {
      String text = Files.readString(file);
      assertThat(text).as(file.toString()).contains(from);
      Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void flipLast(Path signature) {
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(signature));
      byte[] sig = Base64.getDecoder().decode(lines.get(1));
      sig[sig.length - 1] ^= 1;
      lines.set(1, Base64.getEncoder().encodeToString(sig));
      Files.write(signature, lines);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
