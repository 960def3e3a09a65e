package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.buildspec.Buildspec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Report groups collected beside the log and summed up per group, from files as real tools write them. */
class TestReportsTest {
  @TempDir Path dir;

  List<BuildRun.Report> collect(String format, String pattern) throws Exception {
    Buildspec.Report report = new Buildspec.Report("arn:aws:codebuild:us-east-1:111122223333:report-group/unit-tests", format,
        new Buildspec.Artifacts(List.of(pattern), null, false, null, List.of(), Map.of()));
    try (BuildLog log = new BuildLog(dir.resolve("build.log"), Clock.systemUTC())) {
      return TestReports.collect(List.of(report), dir.resolve("src"), dir.resolve("reports"), log, word -> word);
    }
  }

  void write(String name, String text) throws Exception {
    Path file = dir.resolve("src").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void junitFiles_areSummedAcrossFiles_countingFailuresErrorsAndSkipsOncePerCase() throws Exception {
    write("build/test-results/TEST-a.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites><testsuite name="a" tests="3">
          <testcase name="ok"/>
          <testcase name="fails"><failure message="expected 1"/><system-out>x</system-out></testcase>
          <testcase name="errs"><error type="NPE"/><failure/></testcase>
        </testsuite></testsuites>
        """);
    write("build/test-results/TEST-b.xml", "<testsuite><testcase name=\"later\"><skipped/></testcase><testcase name=\"fine\"/></testsuite>");

    List<BuildRun.Report> reports = collect("JUNITXML", "build/test-results/*.xml");

    assertThat(reports).singleElement().satisfies(r -> {
      assertThat(r.group()).isEqualTo("arn:aws:codebuild:us-east-1:111122223333:report-group/unit-tests");
      assertThat(r.files()).isEqualTo(2);
      assertThat(r.summary()).isEqualTo("5 tests, 2 failed, 1 skipped");
      assertThat(Path.of(r.location())).isEqualTo(dir.resolve("reports/unit-tests"));
    });
    assertThat(dir.resolve("reports/unit-tests/build/test-results/TEST-a.xml")).exists();
    assertThat(Files.readString(dir.resolve("build.log"))).contains("Report arn:aws:codebuild:us-east-1:111122223333:report-group/unit-tests (JUNITXML): 2 file(s), 5 tests, 2 failed, 1 skipped");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "TESTNGXML|<testng-results skipped=\"1\" failed=\"2\" total=\"10\" passed=\"7\"><suite/></testng-results>|10 tests, 2 failed, 1 skipped",
      "NUNIT3XML|<test-run id=\"2\" testcasecount=\"4\" total=\"4\" passed=\"3\" failed=\"1\" skipped=\"0\"/>|4 tests, 1 failed, 0 skipped",
      "NUNITXML|<test-results total=\"6\" errors=\"1\" failures=\"1\" not-run=\"1\" skipped=\"0\"/>|6 tests, 2 failed, 1 skipped",
      "VISUALSTUDIOTRX|<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><ResultSummary outcome=\"Failed\"><Counters total=\"8\" executed=\"8\" passed=\"7\" failed=\"1\" error=\"0\" notExecuted=\"0\"/></ResultSummary></TestRun>|8 tests, 1 failed, 0 skipped",
      "COBERTURAXML|<coverage line-rate=\"0.75\" lines-covered=\"30\" lines-valid=\"40\"><packages/></coverage>|line coverage 75.0% (30 of 40 lines)",
      "CLOVERXML|<coverage><project><metrics statements=\"200\" coveredstatements=\"150\"/><package><metrics statements=\"9\" coveredstatements=\"1\"/></package></project></coverage>|line coverage 75.0% (150 of 200 lines)",
  })
  void otherFormats_areSummedFromTheirTotals(String format, String xml, String summary) throws Exception {
    write("out/report.xml", xml);

    assertThat(collect(format, "out/report.xml")).singleElement().satisfies(r -> assertThat(r.summary()).isEqualTo(summary));
  }

  @Test
  void jacoco_withItsDoctype_isReadFromTheReportsOwnCounters_withoutFetchingTheDtd() throws Exception {
    write("target/site/jacoco/jacoco.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">
        <report name="app"><package name="a"><counter type="LINE" missed="90" covered="10"/></package>
        <counter type="INSTRUCTION" missed="5" covered="95"/><counter type="LINE" missed="20" covered="60"/></report>
        """);

    assertThat(collect("JACOCOXML", "target/site/jacoco/jacoco.xml")).singleElement()
        .satisfies(r -> assertThat(r.summary()).isEqualTo("line coverage 75.0% (60 of 80 lines)"));
  }

  @Test
  void externalEntities_areNeverResolved() throws Exception {
    Files.writeString(dir.resolve("secret.txt"), "top secret");
    write("r/evil.xml", "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file://" + dir.resolve("secret.txt")
        + "\">]><testsuite><testcase name=\"&x;\"/></testsuite>");

    List<BuildRun.Report> reports = collect("JUNITXML", "r/*.xml");

    assertThat(reports).singleElement().satisfies(r -> assertThat(r.summary()).doesNotContain("secret"));
    assertThat(Files.readString(dir.resolve("build.log"))).doesNotContain("top secret");
  }

  @Test
  void aGroupWithoutFiles_orWithBrokenXml_isSaidSo_withoutFailing() throws Exception {
    write("r/broken.xml", "<testsuite><testcase name=\"a\">");

    assertThat(collect("JUNITXML", "none/*.xml")).singleElement().satisfies(r -> {
      assertThat(r.files()).isZero();
      assertThat(r.summary()).isEqualTo("no report files found");
    });
    assertThat(collect("JUNITXML", "r/*.xml")).singleElement().satisfies(r -> assertThat(r.summary()).startsWith("cannot be read: "));
  }

  @Test
  void aBaseDirectoryWithVariables_isExpandedByTheBuildsShell_andTakenInsideTheSource() throws Exception {
    write("aggregate_reports/e2e.xml", "<testsuite><testcase name=\"a\"/></testsuite>");
    Buildspec.Report report = new Buildspec.Report("e2e-reports", "JUNITXML",
        new Buildspec.Artifacts(List.of("*.xml"), null, false, "$CODEBUILD_SRC_DIR/aggregate_reports", List.of(), Map.of()));
    Path src = dir.resolve("src");

    List<BuildRun.Report> reports;
    try (BuildLog log = new BuildLog(dir.resolve("build.log"), Clock.systemUTC())) {
      reports = TestReports.collect(List.of(report), src, dir.resolve("reports"), log, word -> word.replace("$CODEBUILD_SRC_DIR", src.toString()));
    }

    assertThat(reports).singleElement().satisfies(r -> assertThat(r.summary()).isEqualTo("1 test, 0 failed, 0 skipped"));
    assertThat(dir.resolve("reports/e2e-reports/e2e.xml")).exists();
  }

  @Test
  void formatsNotReadHere_countTheirFilesOnly() throws Exception {
    write("cucumber/report.json", "[]");

    assertThat(collect("CUCUMBERJSON", "cucumber/*.json")).singleElement().satisfies(r -> {
      assertThat(r.files()).isEqualTo(1);
      assertThat(r.summary()).isNull();
    });
  }
}
