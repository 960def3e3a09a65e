package dev.crossbatch.core.local;

import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.buildspec.Buildspec;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The variables a local build gets, as CodeBuild would set them (CODEBUILD_BUILD_ID, _ARN,
 * _BATCH_BUILD_IDENTIFIER, _RESOLVED_SOURCE_VERSION...), and the few this machine passes through.
 */
record CodeBuildEnvironment(ProjectConfig config, Map<String, String> host) {
  /** Variables passed from this machine into builds; everything else stays out, as in a fresh build image. */
  static final Set<String> PASSED_THROUGH = Set.of(
      "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "SSH_AUTH_SOCK",
      "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
      "GOPATH", "GOCACHE", "GOMODCACHE", "GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB", "GOINSECURE",
      "JAVA_HOME", "CARGO_HOME", "RUSTUP_HOME");

  /**
   * A build's variables, lowest precedence first: this machine's pass-through variables, those
   * CodeBuild sets (and a GOCACHE of the platform's), the buildspec's env (crossbatch.yml's among
   * them), the batch entry's env, VERSION and SOURCE_DATE_EPOCH, the overrides given at start. A
   * buildspec of one's own gets CodeBuild's variables only.
   */
  Map<String, String> forBuild(LocalBuildService.Prepared prepared, PlannedBuild plan, Buildspec buildspec, String buildId, long buildNumber) {
    LocalBatch batch = prepared.batch();
    Map<String, String> env = new LinkedHashMap<>();
    host.forEach((k, v) -> {
      if (PASSED_THROUGH.contains(k)) {
        env.put(k, v);
      }
    });
    String region = config.codebuild().region();
    if (region != null) {
      env.put("AWS_REGION", region);
      env.put("AWS_DEFAULT_REGION", region);
    }
    String arnRegion = region == null ? "local" : region;
    env.put("CODEBUILD_BUILD_ID", buildId);
    env.put("CODEBUILD_BUILD_ARN", "arn:aws:codebuild:" + arnRegion + ":000000000000:build/" + buildId);
    env.put("CODEBUILD_PROJECT_ARN", "arn:aws:codebuild:" + arnRegion + ":000000000000:project/" + batch.project());
    env.put("CODEBUILD_BUILD_NUMBER", Long.toString(buildNumber));
    env.put("CODEBUILD_BUILD_IMAGE", "local");
    env.put("CODEBUILD_BUILD_SUCCEEDING", "1");
    env.put("CODEBUILD_BATCH_BUILD_IDENTIFIER", plan.identifier());
    env.put("CODEBUILD_RESOLVED_SOURCE_VERSION", batch.commit());
    env.put("CODEBUILD_SOURCE_VERSION", batch.sourceVersion());
    env.put("CODEBUILD_SOURCE_REPO_URL", prepared.source().root().toUri().toString());
    // a batch's member builds are started by the batch's service role: ROLE/AWSCodeBuild-<batch uuid's first 8> (docs/facts.md)
    String uuid = batch.id().substring(batch.id().indexOf(':') + 1);
    env.put("CODEBUILD_INITIATOR", batch.project() + "-batch-role/AWSCodeBuild-" + uuid.substring(0, Math.min(8, uuid.length())));
    env.put("CODEBUILD_LOG_PATH", buildId.substring(buildId.indexOf(':') + 1));
    if (!config.ownBuildspec()) {
      // a Go build cache per platform, as each platform's CodeBuild build restores its own; a buildspec's GOCACHE still wins
      env.put("GOCACHE", Layout.of(config).goCache(plan.identifier()).toString());
    }
    env.putAll(buildspec.variables());
    // a batch entry's variables (a platform's overrides) win over the buildspec's env, crossbatch.yml's env among them, as on CodeBuild
    env.putAll(plan.variables());
    if (!config.ownBuildspec()) {
      // the release version replaces the buildspec's "dev", and the commit's time dates the archives, as crossbatch's override does on CodeBuild
      env.put("VERSION", batch.version());
      env.put(ArtifactName.SOURCE_DATE_EPOCH, Long.toString(prepared.commitTime() / 1000));
    }
    env.putAll(prepared.request().environment());
    return env;
  }
}
