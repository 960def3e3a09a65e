package dev.crossbatch.core.batch;

import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.platform.Variant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one build of a batch, whichever backend runs it. Raw status and phase strings are
 * kept so that values outside the enums are shown as sent.
 */
public record BuildRun(
    String identifier,
    String buildId,
    String status,
    String phase,
    Instant start,
    Instant end,
    int attempt,
    boolean ignoreFailure,
    List<String> dependsOn,
    Map<String, String> variables,
    List<PhaseRecord> phases,
    Artifact artifact,
    String message,
    String log,
    Map<String, String> exported,
    List<Report> reports) {

  public BuildRun {
    exported = exported == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exported));
    reports = reports == null ? List.of() : List.copyOf(reports);
  }

  /** A build without exported variables or reports (CodeBuild's batch shape has neither). */
  public BuildRun(String identifier, String buildId, String status, String phase, Instant start, Instant end, int attempt, boolean ignoreFailure,
      List<String> dependsOn, Map<String, String> variables, List<PhaseRecord> phases, Artifact artifact, String message, String log) {
    this(identifier, buildId, status, phase, start, end, attempt, ignoreFailure, dependsOn, variables, phases, artifact, message, log, Map.of(),
        List.of());
  }

  /**
   * A report group's files as the build left them: where they were collected, how many, and what
   * they say ({@code 12 tests, 1 failed}; null when the format is not read here).
   */
  public record Report(String group, String format, int files, String summary, String location) {}

  /** The batch's source group, a build of its own in CodeBuild's model. */
  public static final String DOWNLOAD_SOURCE = "DOWNLOAD_SOURCE";

  /** Where a build's zip went: a path for the local store, an S3 ARN on CodeBuild. */
  public record Artifact(String location, long size, String sha256) {}

  public Status statusValue() {
    return Status.parse(status);
  }

  public BuildPhase phaseValue() {
    return BuildPhase.parse(phase);
  }

  public boolean succeeded() {
    return statusValue() == Status.SUCCEEDED;
  }

  /** Whether this build's result decides the batch's: a failure with ignore-failure does not. */
  public boolean counts() {
    return !ignoreFailure;
  }

  /**
   * How long the build ran, or has run so far; empty when that is unknown (an ended build without
   * an end time). Never negative: a start ahead of this machine's clock (skew against CodeBuild's)
   * counts as just started.
   */
  public Optional<Duration> elapsed(Instant now) {
    if (start == null || end == null && statusValue().isTerminal()) {
      return Optional.empty();
    }
    Duration d = Duration.between(start, end == null ? now : end);
    return Optional.of(d.isNegative() ? Duration.ZERO : d);
  }

  /** The platform this build targets, from its GOOS/GOARCH (and variant) variables. */
  public Optional<Platform> platform() {
    return platformOf(variables);
  }

  /** The platform that GOOS, GOARCH and a variant variable name; empty when they name none. */
  public static Optional<Platform> platformOf(Map<String, String> variables) {
    String os = variables.get("GOOS");
    String arch = variables.get("GOARCH");
    if (os == null || arch == null || !KnownPlatforms.isKnown(os, arch)) {
      return Optional.empty();
    }
    String variant = Variant.forArch(arch)
        .map(v -> variables.get(v.envName()))
        .filter(value -> value != null && !value.isEmpty())
        .map(value -> Variant.forArch(arch).get() == Variant.ARM ? "v" + value : value)
        .orElse("");
    return Optional.of(new Platform(os, arch, variant));
  }

  /** What to call this build in a table: its platform, else its identifier. */
  public String label() {
    return label(identifier, variables);
  }

  public static String label(String identifier, Map<String, String> variables) {
    return platformOf(variables).map(Platform::toString).orElse(identifier);
  }
}
