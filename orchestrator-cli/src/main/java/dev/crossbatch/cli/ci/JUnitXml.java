package dev.crossbatch.cli.ci;

import dev.crossbatch.cli.render.Cells;
import dev.crossbatch.core.batch.BatchResults;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.text.Printable;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * --junit FILE: an ended batch as JUnit XML, the format of Ant's junit task that Jenkins, GitLab
 * and GitHub's test reporters read. One test suite per batch, one test case per build: a failed
 * build is a failure naming the phase it failed in, with its log's last lines; a build that never
 * ran is skipped (docs/ci/README.md).
 */
public final class JUnitXml {
  /** JUnit's schema: seconds always (LocalDateTime.toString leaves ":00" out), no fraction. */
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private JUnitXml() {}

  public static String of(BatchResults results, String hostname, Instant now) {
    BatchSnapshot batch = results.batch();
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      newline(xml, 0);
      String tests = Integer.toString(results.builds().size());
      String failures = Long.toString(results.failures());
      String skipped = Long.toString(results.skipped() + results.builds().stream().filter(r -> !r.build().statusValue().isTerminal()).count());
      String time = seconds(batch.start(), batch.end() == null ? now : batch.end());
      xml.writeStartElement("testsuites");
      attributes(xml, "name", "crossbatch", "tests", tests, "failures", failures, "errors", "0", "skipped", skipped, "time", time);
      newline(xml, 1);
      xml.writeStartElement("testsuite");
      attributes(xml, "name", batch.id(), "tests", tests, "failures", failures, "errors", "0", "skipped", skipped, "time", time,
          "timestamp", TIMESTAMP.format(LocalDateTime.ofInstant(batch.start() == null ? now : batch.start(), ZoneOffset.UTC)),
          "hostname", hostname);
      newline(xml, 2);
      xml.writeStartElement("properties");
      property(xml, "backend", batch.backend());
      property(xml, "status", batch.status());
      property(xml, "commit", batch.commit());
      property(xml, "version", batch.version());
      newline(xml, 2);
      xml.writeEndElement();
      for (BatchResults.Result r : results.builds()) {
        BuildRun b = r.build();
        newline(xml, 2);
        boolean running = !b.statusValue().isTerminal();
        boolean empty = !r.failed() && !r.skipped() && !running;
        if (empty) {
          xml.writeEmptyElement("testcase");
        } else {
          xml.writeStartElement("testcase");
        }
        attributes(xml, "name", b.label(), "classname", batch.project() == null ? "crossbatch" : batch.project(),
            "time", seconds(b.start(), b.end() == null ? now : b.end()));
        if (r.failed()) {
          newline(xml, 3);
          xml.writeStartElement("failure");
          attributes(xml, "message", clean((r.failedPhase() == null ? "" : r.failedPhase() + ": ") + r.reason()), "type", b.status());
          xml.writeCharacters("\n" + String.join("\n", r.lastLines().stream().map(Printable::escape).toList()) + "\n");
          xml.writeEndElement();
        } else if (r.skipped() || running) {
          newline(xml, 3);
          xml.writeEmptyElement("skipped");
          xml.writeAttribute("message", clean((running ? "not ended yet: " : "never ran: ") + b.status() + (b.message() == null ? "" : ": " + b.message())));
        }
        if (!empty) {
          newline(xml, 2);
          xml.writeEndElement();
        }
      }
      newline(xml, 1);
      xml.writeEndElement();
      newline(xml, 0);
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing JUnit XML to a string", e);
    }
    return text + "\n";
  }

  private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    newline(xml, 3);
    xml.writeEmptyElement("property");
    attributes(xml, "name", name, "value", value == null ? "" : clean(value));
  }

  private static void attributes(XMLStreamWriter xml, String... namesAndValues) throws XMLStreamException {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      xml.writeAttribute(namesAndValues[i], namesAndValues[i + 1]);
    }
  }

  private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(depth));
  }

  /** Seconds with milliseconds, as --output text writes them; 0 when the build never started. */
  private static String seconds(Instant start, Instant end) {
    return Cells.MACHINE.duration(start == null || end == null ? Duration.ZERO : Duration.between(start, end));
  }

  /** Control characters, which XML 1.0 cannot carry, shown escaped as everywhere else. */
  private static String clean(String text) {
    return Printable.escape(text);
  }
}
