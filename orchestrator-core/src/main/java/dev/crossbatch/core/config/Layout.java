package dev.crossbatch.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where crossbatch keeps things beside crossbatch.yml: the one place that spells out the folder
 * layout, so no other class joins these names.
 *
 * <pre>
 * dist/                                 local.output: zips, SHA256SUMS, manifest.json
 * buildspecs/buildspec.yml              generated, committed
 * templates/codebuild-project.yml       generated, committed
 * .crossbatch/                          state, never committed
 *   .gitignore                          "*": the folder ignores itself (local.StateStore)
 *   last-batch, build-number, batches/  local batches (see local.StateStore)
 *   runner.log                          what the background runner of start --local says
 *   codebuild/PROJECT/last-batch        the last CodeBuild batch started from here
 *   codebuild/PROJECT/sha256/C7         CodeBuild's SHA-256 of each zip of commit C7 (sha256sum format)
 *   cache/go-build/ID, cache/custom/ID  a platform's Go build cache; a build identifier's cache.paths
 *   cache/generated                     what crossbatch.yml last rendered to (generate.GenerationRecord)
 * </pre>
 */
public record Layout(Path dir, String output) {
  /** The state folder's name, relative to the project folder. */
  public static final String STATE = ".crossbatch";
  /** The buildspec crossbatch.yml renders, relative to the project folder. */
  public static final String BUILDSPEC = "buildspecs/buildspec.yml";
  /** The test task's buildspec of a graph batch. */
  public static final String TEST_BUILDSPEC = "buildspecs/test.yml";
  /** The CloudFormation template of the CodeBuild project. */
  public static final String TEMPLATE = "templates/codebuild-project.yml";

  public static Layout of(ProjectConfig config) {
    return new Layout(config.dir(), config.local().output());
  }

  /** The output folder: local.output, dist/ by default. */
  public Path outputDir() {
    return dir.resolve(output);
  }

  /** The state folder, {@code .crossbatch/}. */
  public Path state() {
    return dir.resolve(STATE);
  }

  /** What the background runner of {@code start --local} says after the batch id. */
  public Path runnerLog() {
    return state().resolve("runner.log");
  }

  /** The Go build cache of one platform's local builds ({@code linux_amd64}), kept from release to release. */
  public Path goCache(String identifier) {
    return state().resolve("cache").resolve("go-build").resolve(identifier);
  }

  /** The checkouts local builds keep from batch to batch, one per build identifier. */
  public Path checkouts() {
    return state().resolve("checkouts");
  }

  /** What a buildspec's {@code cache.paths} keep for the next local build of {@code identifier}. */
  public Path customCache(String identifier) {
    return state().resolve("cache").resolve("custom").resolve(identifier);
  }

  /** Where the last batch of a CodeBuild project started from here, and CodeBuild's checksums, are remembered. */
  public Path codebuildMemory(String project) {
    return state().resolve("codebuild").resolve(project).resolve("last-batch");
  }

  /**
   * Paths (relative to the project folder) that crossbatch itself writes, so a change to them does
   * not make the working tree dirty: the state, the output, the template and {@code buildspecs}.
   */
  public List<String> ownFiles(Collection<String> buildspecs) {
    List<String> own = new ArrayList<>(List.of(STATE, output, TEMPLATE));
    own.addAll(buildspecs);
    return own;
  }

  /** {@link #ownFiles} with the generated buildspec. */
  public List<String> ownFiles() {
    return ownFiles(List.of(BUILDSPEC));
  }
}
