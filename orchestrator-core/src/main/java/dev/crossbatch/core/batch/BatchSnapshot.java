package dev.crossbatch.core.batch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A batch at one moment: what the tracker polls and the views render.
 *
 * @param arn the batch's ARN on CodeBuild; null for a local batch
 */
public record BatchSnapshot(
    String id,
    String backend,
    String project,
    String status,
    String phase,
    String sourceVersion,
    String commit,
    String version,
    boolean dirty,
    Instant start,
    Instant end,
    boolean complete,
    BuildRun downloadSource,
    List<BuildRun> builds,
    String message,
    String arn) {

  /** A snapshot without an ARN: a local batch's. */
  public BatchSnapshot(String id, String backend, String project, String status, String phase, String sourceVersion, String commit,
      String version, boolean dirty, Instant start, Instant end, boolean complete, BuildRun downloadSource, List<BuildRun> builds,
      String message) {
    this(id, backend, project, status, phase, sourceVersion, commit, version, dirty, start, end, complete, downloadSource, builds, message, null);
  }

  public Status statusValue() {
    return Status.parse(status);
  }

  public Optional<BuildRun> build(String identifier) {
    return builds.stream().filter(b -> b.identifier().equals(identifier)).findFirst();
  }

  /** Every build that counts succeeded (builds with ignore-failure may have failed). */
  /** {@link #backend} of a batch on AWS CodeBuild. */
  public static final String CODEBUILD = "codebuild";
  /** {@link #backend} of a batch on this machine. */
  public static final String LOCAL = "local";

  /** Whether the batch runs on AWS CodeBuild (else on this machine). */
  public boolean onCodeBuild() {
    return CODEBUILD.equals(backend);
  }

  public boolean succeeded() {
    return statusValue() == Status.SUCCEEDED;
  }
}
