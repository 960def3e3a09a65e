package dev.crossbatch.core.release;

import dev.crossbatch.core.artifact.ArtifactName;
import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.buildspec.BuildspecGenerator;
import dev.crossbatch.core.buildspec.GeneratedFile;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.source.Commit;
import dev.crossbatch.core.source.GitSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a batch on CodeBuild runs: CodeBuild fetches the source itself, so this pins the commit
 * (the local HEAD unless a ref is given), stamps the version from the local clone, and renders the
 * buildspec that goes as buildspecOverride. Problems CodeBuild would only meet minutes later (a
 * commit never pushed, a test buildspec that differs from the config) are told up front.
 */
public final class CodeBuildStart {
  /** The request to send, the commit it builds (null when this clone does not know the ref), and warnings. */
  public record Plan(BatchRequest request, String commit, String version, List<String> notices) {}

  private CodeBuildStart() {}

  /**
   * @param projectBuildspec run the buildspec the CodeBuild project names (from the source)
   *     instead of sending the rendered one
   */
  public static Plan prepare(ProjectConfig config, Release.Request request, boolean projectBuildspec) {
    if (projectBuildspec && !request.only().isEmpty()) {
      throw CrossbatchException.usage("--platform needs the buildspec crossbatch renders; --project-buildspec runs the project's own",
          "drop one of them");
    }
    ProjectConfig selected = request.only().isEmpty() ? config : config.withPlatforms(select(config, request.only()));
    List<GeneratedFile> rendered = Generation.render(selected);
    List<String> notices = new ArrayList<>();
    Optional<GitSource> git = request.sourceVersion() == null ? Optional.of(GitSource.locate(config.dir())) : locate(config);
    String commit;
    String sourceVersion;
    if (request.sourceVersion() == null) {
      GitSource source = git.orElseThrow();
      commit = source.resolve(null);
      sourceVersion = commit;
      Layout layout = Layout.of(config);
      GitSource.Changes changed = source.uncommitted(projectBuildspec ? layout.ownFiles(List.of()) : layout.ownFiles());
      if (!changed.isEmpty()) {
        String shown = changed.summary();
        if (!request.allowDirty()) {
          throw CrossbatchException.usage("the working tree has uncommitted changes: " + shown + "; CodeBuild builds commit "
              + Commit.abbreviate(commit) + " as pushed, without them", "commit and push them, or pass --allow-dirty to build " + Commit.abbreviate(commit) + " anyway");
        }
        notices.add("building " + Commit.abbreviate(commit) + " without the uncommitted changes to " + shown);
      }
      if (!source.onRemoteBranch(commit)) {
        notices.add("commit " + Commit.abbreviate(commit) + " is on no remote branch this clone knows of; CodeBuild fetches it from the"
            + " repository, so push it first (git push)");
      }
    } else {
      sourceVersion = request.sourceVersion();
      commit = git.flatMap(g -> g.find(sourceVersion)).orElse(null);
    }
    Map<String, String> environment = new LinkedHashMap<>();
    String version = commit == null ? null : git.orElseThrow().describe(commit);
    if (version != null) {
      environment.put("VERSION", version);
      environment.put(ArtifactName.SOURCE_DATE_EPOCH, Long.toString(git.orElseThrow().commitTime(commit) / 1000));
    }
    environment.putAll(request.environment());
    notices.addAll(staleInSource(selected, rendered, projectBuildspec));
    Map<String, String> buildspecs = Generation.buildspecs(selected, rendered);
    BatchRequest batch = new BatchRequest(selected, projectBuildspec ? null : buildspecs.get(selected.fromRepositoryRoot(BuildspecGenerator.BUILDSPEC)),
        selected.fromRepositoryRoot(BuildspecGenerator.BUILDSPEC), buildspecs,
        sourceVersion, environment, List.of(), request.allowDirty(), 0, request.buildTimeout());
    return new Plan(batch, commit, version, notices);
  }

  private static Optional<GitSource> locate(ProjectConfig config) {
    try {
      return Optional.of(GitSource.locate(config.dir()));
    } catch (CrossbatchException e) {
      return Optional.empty(); // a ref given outright needs no local clone
    }
  }

  /** The config's platforms that the selectors name (linux/arm64 or linux_arm64); a clear error for one that names none. */
  static List<Platform> select(ProjectConfig config, List<String> selectors) {
    List<Platform> chosen = new ArrayList<>();
    for (String selector : selectors) {
      Optional<Platform> match = config.platforms().stream()
          .filter(p -> p.toString().equals(selector) || p.identifier().equals(selector)).findFirst();
      if (match.isEmpty()) {
        throw CrossbatchException.usage("'" + selector + "' is not a platform of " + config.file().getFileName() + "; it has: "
            + String.join(", ", config.platforms().stream().map(Platform::toString).toList()), "pass one of those with --platform");
      }
      if (!chosen.contains(match.get())) {
        chosen.add(match.get());
      }
    }
    return chosen;
  }

  /** Buildspecs CodeBuild reads from the source that differ from what the config renders. */
  private static List<String> staleInSource(ProjectConfig config, List<GeneratedFile> rendered, boolean projectBuildspec) {
    List<String> notices = new ArrayList<>();
    for (Generation.FileResult file : Generation.check(config, rendered)) {
      boolean readFromSource = file.path().startsWith("buildspecs/") && (projectBuildspec || !file.path().equals(BuildspecGenerator.BUILDSPEC));
      if (readFromSource && (file.state() == Generation.State.STALE || file.state() == Generation.State.MISSING)) {
        notices.add(file.path() + " is " + file.state().name().toLowerCase(java.util.Locale.ROOT) + " here and CodeBuild reads it from the"
            + " source: run 'crossbatch generate', then commit and push it");
      }
    }
    return notices;
  }
}
