package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.core.time.Sleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** --junit and GitHub Actions' workflow commands and step summary, on the local backend. */
class CiOutputTest {
  /** Each build writes out/app.txt; the second command fails the build as each test asks. */
  static final String[] COMMANDS = {"mkdir -p out && printf 'hi %s\\n' \"$GOOS\" > out/app.txt",
      "test -z \"$FAIL\" || { echo \"compile error, undefined frobnicate\" >&2; exit 3; }"};

  @TempDir Path dir;
  Path repo;

  @BeforeEach
  void repository() {
    repo = Example.genericApp(dir.resolve("app"), "[linux/amd64, darwin/arm64]", COMMANDS);
  }

  Cli.Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.remove("GITHUB_ACTIONS");
    environment.putAll(env);
    int exit = Main.run(new CliContext(repo, new PrintWriter(out), new PrintWriter(err), false, false, environment, Clock.systemUTC(), Sleeper.real(),
        Interrupts.manual()), args);
    return new Cli.Run(exit, out.toString(), err.toString());
  }

  static Document validJunit(Path file) throws Exception {
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(Path.of("src/test/resources/junit/junit-report.xsd").toFile()))
        .newValidator().validate(new StreamSource(file.toFile()));
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  @Test
  void releaseJunit_ofAFailedBatch_isValidJunitXml_withEachBuildsFailingPhaseAndLastLogLines() throws Exception {
    Cli.Run run = run(Map.of(), "release", "--env", "FAIL=yes", "--junit", "junit.xml");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    Document junit = validJunit(repo.resolve("junit.xml"));
    Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).startsWith("app-release:");
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    NodeList cases = junit.getElementsByTagName("testcase");
    assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("linux/amd64");
    Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("FAILED");
    assertThat(failure.getAttribute("message")).startsWith("BUILD: ");
    assertThat(failure.getTextContent()).contains("compile error, undefined frobnicate", "Phase complete: BUILD State: FAILED");
  }

  @Test
  void junit_ofASucceededBatch_fromStatusAndWatch_hasNoFailures_andAMissingFolderIsRefusedFirst() throws Exception {
    assertThat(run(Map.of(), "release").exit()).isZero();

    Cli.Run status = run(Map.of(), "status", "--junit", "status.xml");
    Cli.Run watch = run(Map.of(), "watch", "--junit", "watch.xml");
    Cli.Run missing = run(Map.of(), "status", "--junit", "no/such/folder/junit.xml");

    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(watch.exit()).as(watch.err()).isZero();
    for (String file : List.of("status.xml", "watch.xml")) {
      Document junit = validJunit(repo.resolve(file));
      assertThat(junit.getElementsByTagName("failure").getLength()).isZero();
      assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(2);
      assertThat(Files.readString(repo.resolve(file))).contains("<property name=\"status\" value=\"SUCCEEDED\"/>");
    }
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("crossbatch: --junit no/such/folder/junit.xml: no folder ");
  }

  @Test
  void underGitHubActions_aFailedReleaseAnnotatesEachBuild_andAppendsAStepSummary_withStdoutStillJson() throws Exception {
    Path summary = Files.writeString(dir.resolve("summary.md"), "earlier step\n");
    Map<String, String> github = Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString());

    Cli.Run run = run(github, "release", "--env", "FAIL=yes", "--output", "json");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).get("status").asText()).isEqualTo("FAILED");
    assertThat(run.err()).containsPattern("(?m)^::error title=crossbatch%3A linux/amd64 FAILED::linux/amd64 FAILED in BUILD: .+%0Alog: "
        + "\\.crossbatch/batches/[0-9a-f-]+/logs/linux_amd64\\.log$");
    assertThat(run.err().lines().filter(l -> l.startsWith("::error ")).count()).isEqualTo(2);
    String md = Files.readString(summary);
    assertThat(md).startsWith("earlier step\n### crossbatch: app-release:")
        .contains("| Platform | Status | Time | Archive | Size | SHA-256 |\n", "| linux/amd64 | ❌ FAILED in BUILD | ",
            "<details><summary>darwin/arm64: last lines of the log</summary>", "compile error, undefined frobnicate");
    assertThat(run(Map.of(), "release").err()).doesNotContain("::error");
  }

  @Test
  void underGitHubActions_validateAnnotatesFileLineAndColumn_andLogsFoldEachBuild() throws Exception {
    Map<String, String> github = Map.of("GITHUB_ACTIONS", "true");
    assertThat(run(Map.of(), "release", "--env", "FAIL=yes").exit()).isEqualTo(1);
    Cli.Run logs = run(github, "logs", "--all-failed");
    Files.writeString(repo.resolve("crossbatch.yml"), Files.readString(repo.resolve("crossbatch.yml")).replace("name: app\n", "name: app\ncodebuild:\n  regon: eu-west-1\n"));

    Cli.Run validate = run(github, "validate");

    assertThat(validate.exit()).isEqualTo(2);
    assertThat(validate.err()).contains("::error file=crossbatch.yml,line=3,col=3,title=crossbatch validate::unknown key 'regon'");
    assertThat(logs.out()).startsWith("::group::linux/amd64: FAILED\n").contains("\n::endgroup::\n::group::darwin/arm64: FAILED\n")
        .endsWith("::endgroup::\n");
  }
}
