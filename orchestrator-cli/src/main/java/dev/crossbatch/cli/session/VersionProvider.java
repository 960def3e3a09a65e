package dev.crossbatch.cli.session;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code crossbatch 0.1.0 (Java 17.0.15)}, from the version Maven stamped into the jar. */
public final class VersionProvider implements IVersionProvider {
  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/crossbatch/cli/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"crossbatch " + version() + " (Java " + Runtime.version() + ")"};
  }
}
