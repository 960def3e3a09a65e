package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.buildspec.Buildspec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A buildspec's {@code reports} on this machine: each report group's files selected as CodeBuild
 * selects them (files, base-directory, discard-paths), copied beside the build's log, and summed up
 * in one line: tests, failures and skips for the test formats, line coverage for the coverage ones.
 * Report files are read as untrusted XML: no DTD, no external entity.
 */
final class TestReports {
  private TestReports() {}

  /**
   * Collects every group's files into {@code dest/GROUP/}; a group without files is reported as
   * such, never failing the build. A base-directory with variables ({@code $CODEBUILD_SRC_DIR/reports},
   * as amplify-cli writes it) is expanded by {@code expand}, the build's shell, and taken relative
   * to the source when it lies in it.
   */
  static List<BuildRun.Report> collect(List<Buildspec.Report> reports, Path src, Path dest, BuildLog log, UnaryOperator<String> expand) {
    List<BuildRun.Report> collected = new ArrayList<>();
    for (Buildspec.Report given : reports) {
      Buildspec.Report report = expanded(given, src, expand);
      // a group may be named by an ARN: its last part names the folder
      String folderName = report.group().replaceAll(".*[:/]", "").replaceAll("[^A-Za-z0-9._-]", "_");
      Path folder = dest.resolve(folderName.isEmpty() || folderName.startsWith(".") ? "report" : folderName);
      String format = report.fileFormat().toUpperCase(Locale.ROOT);
      try {
        Map<String, Path> files = ArtifactPacker.select(src, report.files());
        Totals totals = new Totals();
        for (Map.Entry<String, Path> e : files.entrySet()) {
          Path copy = folder.resolve(e.getKey());
          ArtifactUpload.place(e.getValue(), copy);
          read(copy, format, totals);
        }
        String summary = totals.summary(format);
        log.container("Report " + report.group() + " (" + format + "): " + files.size() + " file(s)" + (summary == null ? "" : ", " + summary));
        collected.add(new BuildRun.Report(report.group(), format, files.size(), summary, folder.toString()));
      } catch (ArtifactPacker.ArtifactException e) {
        log.container("Report " + report.group() + " (" + format + "): no report files found (" + e.getMessage() + ")");
        collected.add(new BuildRun.Report(report.group(), format, 0, "no report files found", null));
      } catch (IOException | XMLStreamException | RuntimeException e) {
        log.container("Report " + report.group() + " (" + format + "): cannot be read: " + e.getMessage());
        collected.add(new BuildRun.Report(report.group(), format, 0, "cannot be read: " + e.getMessage(), folder.toString()));
      }
    }
    return collected;
  }

  private static Buildspec.Report expanded(Buildspec.Report report, Path src, UnaryOperator<String> expand) {
    Buildspec.Artifacts files = report.files();
    if (files.baseDirectory() == null || !files.baseDirectory().contains("$")) {
      return report;
    }
    String base = expand.apply(files.baseDirectory()).trim();
    String root = src.toString() + "/";
    base = base.startsWith(root) ? base.substring(root.length()) : base.equals(src.toString()) ? "." : base;
    return new Buildspec.Report(report.group(), report.fileFormat(),
        new Buildspec.Artifacts(files.files(), files.name(), files.discardPaths(), base, files.excludePaths(), files.secondary()));
  }

  /** What the files of one group add up to. */
  static final class Totals {
    long tests;
    long failed;
    long skipped;
    long linesCovered;
    long lines;
    boolean read;

    String summary(String format) {
      if (!read) {
        return null;
      }
      if (format.endsWith("COVERAGE") || isCoverage(format)) {
        return lines == 0 ? "no lines measured" : String.format(Locale.ROOT, "line coverage %.1f%% (%d of %d lines)", 100.0 * linesCovered / lines, linesCovered, lines);
      }
      return tests + (tests == 1 ? " test" : " tests") + ", " + failed + " failed, " + skipped + " skipped";
    }
  }

  static boolean isCoverage(String format) {
    return format.equals("COBERTURAXML") || format.equals("JACOCOXML") || format.equals("CLOVERXML") || format.equals("SIMPLECOV");
  }

  /** Adds one file's counts; formats not read here leave the totals unread. */
  static void read(Path file, String format, Totals totals) throws IOException, XMLStreamException {
    if (format.equals("CUCUMBERJSON") || format.equals("SIMPLECOV") || !Files.isRegularFile(file)) {
      return;
    }
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      try {
        read(xml, format, totals);
      } finally {
        xml.close();
      }
    }
  }

  private static void read(XMLStreamReader xml, String format, Totals totals) throws XMLStreamException {
    int depth = 0;
    boolean inCase = false;
    boolean caseFailed = false;
    boolean caseSkipped = false;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if (format.equals("JUNITXML") && xml.getLocalName().equals("testcase") && inCase) {
          totals.tests++;
          totals.failed += caseFailed ? 1 : 0;
          totals.skipped += caseSkipped && !caseFailed ? 1 : 0;
          inCase = false;
        }
        continue;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      depth++;
      String name = xml.getLocalName();
      totals.read = true;
      switch (format) {
        case "JUNITXML" -> {
          if (name.equals("testcase")) {
            inCase = true;
            caseFailed = false;
            caseSkipped = false;
          } else if (inCase && (name.equals("failure") || name.equals("error"))) {
            caseFailed = true;
          } else if (inCase && name.equals("skipped")) {
            caseSkipped = true;
          }
        }
        case "TESTNGXML" -> {
          if (name.equals("testng-results")) {
            totals.tests += number(xml, "total");
            totals.failed += number(xml, "failed");
            totals.skipped += number(xml, "skipped");
          }
        }
        case "NUNIT3XML" -> {
          if (name.equals("test-run")) {
            totals.tests += number(xml, "total");
            totals.failed += number(xml, "failed");
            totals.skipped += number(xml, "skipped");
          }
        }
        case "NUNITXML" -> {
          if (name.equals("test-results")) {
            totals.tests += number(xml, "total");
            totals.failed += number(xml, "failures") + number(xml, "errors");
            totals.skipped += number(xml, "skipped") + number(xml, "not-run");
          }
        }
        case "VISUALSTUDIOTRX" -> {
          if (name.equals("Counters")) {
            totals.tests += number(xml, "total");
            totals.failed += number(xml, "failed") + number(xml, "error");
            totals.skipped += number(xml, "notExecuted");
          }
        }
        case "COBERTURAXML" -> {
          if (name.equals("coverage") && depth == 1) {
            totals.linesCovered += number(xml, "lines-covered");
            totals.lines += number(xml, "lines-valid");
          }
        }
        case "JACOCOXML" -> {
          // the report's own counters are its direct children
          if (name.equals("counter") && depth == 2 && "LINE".equals(xml.getAttributeValue(null, "type"))) {
            long covered = number(xml, "covered");
            totals.linesCovered += covered;
            totals.lines += covered + number(xml, "missed");
          }
        }
        case "CLOVERXML" -> {
          if (name.equals("metrics") && depth == 3) {
            totals.linesCovered += number(xml, "coveredstatements");
            totals.lines += number(xml, "statements");
          }
        }
        default -> totals.read = false;
      }
    }
  }

  private static long number(XMLStreamReader xml, String attribute) {
    String value = xml.getAttributeValue(null, attribute);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
