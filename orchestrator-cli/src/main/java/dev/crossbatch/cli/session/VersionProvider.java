package dev.crossbatch.cli.session;

import dev.crossbatch.cli.render.json.VersionJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code crossbatch 0.1.0 (commit 50b27b0, 2026-11-30; Java 17.0.15)}: the version Maven stamped
 * into the jar, and the commit it was built from with that commit's date (written at build time by
 * ShareFiles; left out for a build outside git).
 */
public final class VersionProvider implements IVersionProvider {
  public static String version() {
    return properties("version.properties").getProperty("version", "unknown");
  }

  /** The version as --output json prints it. */
  public static VersionJson json() {
    Properties built = properties("build.properties");
    return new VersionJson(version(), built.getProperty("commit"), built.getProperty("date"), Runtime.version().toString());
  }

  private static Properties properties(String name) {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(new StringBuilder("/dev/crossbatch/cli/").append(name).toString())) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // a jar that cannot be read has no version to tell: said as "unknown" or left out
    }
    return p;
  }

  @Override
  public String[] getVersion() {
    VersionJson v = json();
    // a StringBuilder, not +: the first string concatenation of a run spins up invokedynamic's
    // method handles, a tenth of this command's time (docs/benchmarks.md)
    StringBuilder line = new StringBuilder("crossbatch ").append(v.version()).append(" (");
    if (v.commit() != null) {
      line.append("commit ").append(v.commit()).append(", ").append(v.date() == null ? "" : v.date()).append("; ");
    }
    return new String[] {line.append("Java ").append(v.java()).append(')').toString()};
  }
}
