package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.Cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's --output json, run for real on the local backend and compared with the golden
 * documents under src/test/resources/golden/json (what varies from run to run, such as times,
 * commits, checksums and temporary paths, replaced by placeholders); every key of those documents
 * is named in docs/output-json.md. Run with -Dgolden.update=true after an intended change.
 */
class JsonGoldenTest {
  static final Path GOLDEN = JsonGolden.GOLDEN;
  static final Path DOCS = Path.of("../docs/output-json.md");

  @TempDir Path dir;
  Path repo;

  @BeforeEach
  void app() {
    repo = Example.genericApp(dir.resolve("app"), "[linux/amd64, darwin/arm64]", "mkdir -p out && printf 'hi %s\\n' \"$GOOS\" > out/app.txt");
  }

  @Test
  void everyJsonDocument_matchesItsGoldenFile() throws IOException {
    List<String> mismatched = new ArrayList<>();
    check("generate-check", 1, mismatched, "generate", "--check", "--output", "json");
    check("generate", 0, mismatched, "generate", "--output", "json");
    check("validate", 0, mismatched, "validate", "--output", "json");
    check("release-dry-run", 0, mismatched, "release", "--dry-run", "--parallel", "2", "--output", "json");
    check("release", 0, mismatched, "release", "--output", "json");
    check("status", 0, mismatched, "status", "--output", "json");
    check("batches", 0, mismatched, "batches", "--output", "json");
    check("start-local-wait", 0, mismatched, "start", "--local", "--wait", "--platform", "linux/amd64", "--output", "json", "--wait-lock");
    check("artifacts-list", 0, mismatched, "artifacts", "list", "--local", "--output", "json");
    check("artifacts-download", 0, mismatched, "artifacts", "download", "--local", "--latest", "--dest", "got", "--extract", "--output", "json");
    check("platforms", 0, mismatched, "platforms", "--first-class", "--output", "json");
    check("logs", 0, mismatched, "logs", "--platform", "linux/amd64", "--output", "json");
    check("stop", 0, mismatched, "stop", "--output", "json");
    check("report", 0, mismatched, "report", "-o", "batch.html", "--output", "json");
    // a signed release and its check: key ids and signatures differ each run
    Run keygen = Cli.run(repo, "keygen", "--no-password", "--out", dir.resolve("keys/release.key").toString(), "--output", "json");
    assertThat(keygen.exit()).as(keygen.err()).isZero();
    String keyed = keygen.out().replaceAll("\"keyId\" : \"[0-9A-F]{16}\"", "\"keyId\" : \"<keyid>\"")
        .replaceAll("\"publicKeyBase64\" : \"[A-Za-z0-9+/=]+\"", "\"publicKeyBase64\" : \"<base64>\"");
    JsonGolden.compare("keygen", keyed, dir, "none").ifPresent(mismatched::add);
    Run signed = Cli.run(repo, "release", "--allow-dirty", "--sign-key", dir.resolve("keys/release.key").toString()); // report and download left files here
    assertThat(signed.exit()).as(signed.err()).isZero();
    Run verify = Cli.run(repo, "verify", "dist", "--key", dir.resolve("keys/release.pub").toString(), "--output", "json");
    assertThat(verify.exit()).as(verify.err()).isZero();
    String sha7 = Processes.ok(repo, "git", "rev-parse", "--short=7", "HEAD").trim();
    JsonGolden.compare("verify", checksInOrder(verify.out()).replaceAll("\"keyId\" : \"[0-9A-F]{16}\"", "\"keyId\" : \"<keyid>\""), dir, sha7)
        .ifPresent(mismatched::add);
    Path module = Files.createDirectories(dir.resolve("module"));
    Files.writeString(module.resolve("go.mod"), "module github.com/acme/rocket\n\ngo 1.23\n");
    Files.writeString(module.resolve("main.go"), "package main\n\nfunc main() {}\n");
    Run init = Cli.run(module, "init", "--platform", "linux/amd64", "--output", "json");
    assertThat(init.exit()).as(init.err()).isZero();
    JsonGolden.compare("init", init.out(), dir, "none").ifPresent(mismatched::add);
    assertThat(mismatched).isEmpty();
  }

  @Test
  void everyKeyOfEveryGoldenDocument_isNamedInTheDocs() throws IOException {
    String docs = Files.readString(DOCS);
    Set<String> missing = new TreeSet<>();
    try (var files = Files.list(GOLDEN)) {
      for (Path golden : files.sorted().filter(f -> f.toString().endsWith(".json")).toList()) {
        Matcher key = Pattern.compile("\"([A-Za-z]+)\" :").matcher(Files.readString(golden));
        while (key.find()) {
          if (!docs.contains("\"" + key.group(1) + "\"")) {
            missing.add(golden.getFileName() + ": " + key.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void normalize_replacesWhatVaries_andKeepsTheShape() throws IOException {
    String sha = "3f9c2e1a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";
    String text = "{\"commit\" : \"" + sha + "\", \"version\" : \"3f9c2e1\", \"file\" : \"app_linux_amd64_3f9c2e1.zip\","
        + " \"start\" : \"2026-11-30T10:09:06.123Z\", \"batch\" : \"app:0e3b7c1a-1234-4abc-9def-0123456789ab\", \"sha256\" : \""
        + "a".repeat(64) + "\", \"log\" : \"" + dir + "/app/x.log\"}";
    assertThat(normalize(text, "3f9c2e1")).isEqualTo("{\"commit\" : \"<commit>\", \"version\" : \"<commit7>\", \"file\" : \"app_linux_amd64_<commit7>.zip\","
        + " \"start\" : \"<time>\", \"batch\" : \"app:<uuid>\", \"sha256\" : \"<sha256>\", \"log\" : \"<dir>/app/x.log\"}");
  }

  private void check(String name, int exit, List<String> mismatched, String... args) throws IOException {
    Run run = Cli.run(repo, args);
    assertThat(run.exit()).as(name + ": " + run.err()).isEqualTo(exit);
    String sha7 = Processes.ok(repo, "git", "rev-parse", "--short=7", "HEAD").trim();
    JsonGolden.compare(name, run.out(), dir, sha7).ifPresent(mismatched::add);
  }

  /** verify's checks sorted by kind and file: the provenance file sorts among the zips by the commit's first digit. */
  private static String checksInOrder(String json) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    List<com.fasterxml.jackson.databind.JsonNode> checks = new ArrayList<>();
    doc.get("checks").forEach(checks::add);
    checks.sort(java.util.Comparator.comparing((com.fasterxml.jackson.databind.JsonNode c) -> c.get("check").asText())
        .thenComparing(c -> c.get("file").asText().replaceAll("_[0-9a-f]{7}", "")));
    doc.putArray("checks").addAll(checks);
    return dev.crossbatch.cli.render.json.Json.write(doc) + "\n";
  }

  private String normalize(String json, String sha7) throws IOException {
    return JsonGolden.normalize(json, dir, sha7);
  }
}
