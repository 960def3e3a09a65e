package dev.crossbatch.core.aws;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildPhase;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.batch.PhaseRecord;
import dev.crossbatch.core.platform.KnownPlatforms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.BuildArtifacts;
import software.amazon.awssdk.services.codebuild.model.BuildBatch;
import software.amazon.awssdk.services.codebuild.model.BuildGroup;
import software.amazon.awssdk.services.codebuild.model.BuildSummary;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;

/**
 * CodeBuild's batch shapes in crossbatch's status model. Statuses and phases are read with the
 * {@code ...AsString()} getters: real responses carry values the SDK's enums lack (PENDING,
 * CLIENT_ERROR), which are shown as sent.
 */
final class CodeBuildMapping {
  private CodeBuildMapping() {}

  static BatchSnapshot snapshot(BuildBatch b) {
    BuildRun downloadSource = null;
    List<BuildRun> builds = new ArrayList<>();
    for (BuildGroup group : b.buildGroups()) {
      BuildRun run = run(group, b.complete() != null && b.complete());
      if (BuildRun.DOWNLOAD_SOURCE.equals(group.identifier())) {
        downloadSource = run;
      } else {
        builds.add(run);
      }
    }
    String version = b.environment() == null ? null : b.environment().environmentVariables().stream()
        .filter(v -> "VERSION".equals(v.name())).map(EnvironmentVariable::value).findFirst().orElse(null);
    boolean complete = Boolean.TRUE.equals(b.complete());
    return new BatchSnapshot(b.id(), BatchSnapshot.CODEBUILD, b.projectName(), b.buildBatchStatusAsString(), b.currentPhase(),
        b.sourceVersion(), b.resolvedSourceVersion(), version, false, b.startTime(), b.endTime(), complete, downloadSource, builds, null, b.arn());
  }

  private static BuildRun run(BuildGroup group, boolean batchComplete) {
    BuildSummary current = group.currentBuildSummary();
    String arn = current == null ? null : current.arn();
    String status = current == null ? "PENDING" : current.buildStatusAsString();
    BuildRun.Artifact artifact = current == null || current.primaryArtifact() == null || current.primaryArtifact().location() == null
        || current.primaryArtifact().location().isEmpty() ? null : new BuildRun.Artifact(current.primaryArtifact().location(), -1, null);
    Map<String, String> variables = KnownPlatforms.fromIdentifier(group.identifier()).map(p -> p.goEnv()).orElse(Map.of());
    return new BuildRun(group.identifier(), buildId(arn), status, "", current == null ? null : current.requestedOn(), null,
        1 + group.priorBuildSummaryList().size(), Boolean.TRUE.equals(group.ignoreFailure()), group.dependsOn(), variables,
        List.of(), artifact, null, null);
  }

  /** {@code arn:aws:codebuild:r:a:build/project:uuid} to {@code project:uuid}. */
  static String buildId(String arn) {
    if (arn == null) {
      return null;
    }
    int build = arn.indexOf(":build/");
    return build < 0 ? arn : arn.substring(build + ":build/".length());
  }

  /** A batch's build with what only BatchGetBuilds says: phases, times, the zip's SHA-256, the log stream. */
  static BuildRun enrich(BuildRun run, Build build) {
    List<PhaseRecord> phases = build.phases().stream().map(p -> new PhaseRecord(p.phaseTypeAsString(), p.phaseStatusAsString(),
        p.startTime(), p.endTime(), p.contexts().isEmpty() || p.contexts().get(0).statusCode() == null || p.contexts().get(0).statusCode().isEmpty()
            ? null : p.contexts().get(0).statusCode() + ": " + p.contexts().get(0).message())).toList();
    BuildArtifacts a = build.artifacts();
    BuildRun.Artifact artifact = a == null || a.location() == null || a.location().isEmpty()
        ? run.artifact() : new BuildRun.Artifact(a.location(), -1, a.sha256sum());
    String message = PhaseRecord.failure(phases).orElse(run.message());
    String log = build.logs() == null || build.logs().groupName() == null ? null : build.logs().groupName() + " " + build.logs().streamName();
    return new BuildRun(run.identifier(), build.id(), build.buildStatusAsString(),
        build.currentPhase() == null ? BuildPhase.UNKNOWN.name() : build.currentPhase(), build.startTime(), build.endTime(),
        run.attempt(), run.ignoreFailure(), run.dependsOn(), run.variables(), phases, artifact, message, log);
  }
}
