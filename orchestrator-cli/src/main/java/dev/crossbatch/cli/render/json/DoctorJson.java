package dev.crossbatch.cli.render.json;

import dev.crossbatch.core.doctor.Check;
import java.util.List;
import java.util.Locale;

/** doctor --output json: whether a release can work, and each check (docs/output-json.md). */
public record DoctorJson(boolean healthy, List<CheckJson> checks) {
  /** {@code state}: ok, warn or fail; {@code fix} null when there is nothing to do. */
  public record CheckJson(String check, String state, String detail, String fix) {}

  public static DoctorJson of(boolean healthy, List<Check> checks) {
    return new DoctorJson(healthy, checks.stream().map(c -> new CheckJson(c.name(), c.state().name().toLowerCase(Locale.ROOT), c.detail(), c.fix()))
        .toList());
  }
}
