package dev.crossbatch.cli.session;

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

  /** The commit the CLI was built from and its date ({@code 50b27b0, 2026-11-30}); empty for a build outside git. */
  static String built() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/crossbatch/cli/build.properties")) {
      if (in == null) {
        return "";
      }
      Properties p = new Properties();
      p.load(in);
      String commit = p.getProperty("commit");
      return commit == null ? "" : "commit " + commit + ", " + p.getProperty("date", "") + "; ";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"crossbatch " + version() + " (" + built() + "Java " + Runtime.version() + ")"};
  }
}
