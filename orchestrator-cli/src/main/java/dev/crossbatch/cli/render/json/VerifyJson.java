package dev.crossbatch.cli.render.json;

import dev.crossbatch.core.release.ReleaseVerification;
import java.util.List;

/** verify: whether the release folder holds up, and every check made (docs/output-json.md). */
public record VerifyJson(boolean valid, String dir, String keyId, List<CheckJson> checks) {
  /** One check: the file, what was checked ("signature", "sha256"), and why it failed (null when ok). */
  public record CheckJson(String file, String check, boolean ok, String problem) {}

  public static VerifyJson of(ReleaseVerification.Report report) {
    return new VerifyJson(report.valid(), report.dir().toString(), report.key().id(),
        report.checks().stream().map(c -> new CheckJson(c.file(), c.what(), c.ok(), c.problem())).toList());
  }
}
