package dev.crossbatch.cli.options;

import dev.crossbatch.cli.session.Backend;
import dev.crossbatch.core.config.Names;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.release.Release;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What start and release share: the backend, the source, which platforms, and the local backend's knobs. */
public final class BatchOptions {
  @Mixin BackendChoice backend;

  @Option(names = "--platform", paramLabel = "OS/ARCH", description = "build only this platform, or build identifier (and what it depends on); repeat for more")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--source-version", paramLabel = "REF", description = "the commit, branch or tag to build (default: HEAD; on CodeBuild, any ref the repository knows)")
  String sourceVersion;

  @Option(names = "--env", paramLabel = "NAME=VALUE", description = "a variable for every build, above all others; repeat for more")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--allow-dirty", description = "locally: build uncommitted changes as they are (recorded in manifest.json); on CodeBuild: start although they exist (the pushed commit is built)")
  boolean allowDirty;

  @Option(names = "--parallel", paramLabel = "N", description = "local builds at once, 1 to 256 (default: local.parallelism, else the cores + 1)")
  Integer parallel;

  @Option(names = "--build-timeout", paramLabel = "MINUTES", description = "per-build timeout (default: timeout-minutes, 60)")
  Integer buildTimeout;

  @Option(names = "--wait-lock", description = "when another run writes the same output folder, wait for it instead of exiting 2")
  boolean waitLock;

  public boolean waitLock() {
    return waitLock;
  }

  public String sourceVersion() {
    return sourceVersion;
  }

  public List<String> platforms() {
    return platforms;
  }

  public boolean allowDirty() {
    return allowDirty;
  }

  /** Where the batch runs: --local, --codebuild, else CodeBuild when crossbatch.yml names a project. */
  public Backend backend(ProjectConfig config) {
    return backend.orDefault(config);
  }

  /** The backend the flags name, if they name one. */
  public java.util.Optional<Backend> chosenBackend() {
    return backend.chosen();
  }

  public AwsOptions aws() {
    return backend.aws();
  }

  /** The --env variables, each checked by the rule crossbatch.yml's env follows: a build's platform and version are not theirs to set. */
  public Map<String, String> environment() {
    for (String name : env.keySet()) {
      String problem = switch (Names.envRule(name)) {
        case INVALID -> "not a variable name a shell can read; use letters, digits and '_', not starting with a digit";
        case CODEBUILD -> "CodeBuild sets CODEBUILD_* variables itself";
        case PLATFORM -> "each build's platform sets it; choose platforms with --platform (e.g. --platform windows/amd64)";
        case VERSION -> "crossbatch sets it from git (git describe of the commit); tag the commit to name the version";
        case FREE -> null;
      };
      if (problem != null) {
        throw CrossbatchException.usage("--env " + name + ": " + problem, "drop --env " + name);
      }
    }
    return env;
  }

  /** --parallel, or 0 when it is not given (the config's or the default then). */
  public int parallelism() {
    if (parallel == null) {
      return 0;
    }
    if (parallel < 1 || parallel > 256) {
      throw CrossbatchException.usage("--parallel " + parallel + ": give a number of builds from 1 to 256", "e.g. --parallel 2");
    }
    return parallel;
  }

  public Duration timeout() {
    if (buildTimeout == null) {
      return null;
    }
    if (buildTimeout < 1 || buildTimeout > 2160) {
      throw CrossbatchException.usage("--build-timeout " + buildTimeout + ": give minutes from 1 to 2160", "e.g. --build-timeout 30");
    }
    return Duration.ofMinutes(buildTimeout);
  }

  /** Refuses what a CodeBuild batch cannot honour: local parallelism, and a build timeout under CodeBuild's 5 minutes. */
  public void checkForCodeBuild() {
    if (parallelism() > 0) {
      throw CrossbatchException.usage("--parallel is for local batches; CodeBuild runs up to codebuild.max-builds at once",
          "drop --parallel, or set codebuild.max-builds in crossbatch.yml");
    }
    if (timeout() != null && timeout().toMinutes() < 5) {
      throw CrossbatchException.usage("--build-timeout " + timeout().toMinutes() + ": CodeBuild takes 5 to 2160 minutes", "e.g. --build-timeout 30");
    }
  }

  /** What to run: these options as a release request ({@code tools} are recorded in manifest.json). */
  public Release.Request request(boolean dryRun, Map<String, String> tools) {
    return request(dryRun, false, tools);
  }

  /** As {@link #request(boolean, Map)}, emptying the output folder first when {@code clean} (release --clean). */
  public Release.Request request(boolean dryRun, boolean clean, Map<String, String> tools) {
    return new Release.Request(sourceVersion, environment(), platforms, allowDirty, parallelism(), timeout(), dryRun, tools, clean);
  }

  /** The arguments that reproduce these options, for the background runner of start. */
  public List<String> arguments() {
    List<String> args = new ArrayList<>();
    platforms.forEach(p -> args.addAll(List.of("--platform", p)));
    if (sourceVersion != null) {
      args.addAll(List.of("--source-version", sourceVersion));
    }
    env.forEach((k, v) -> args.addAll(List.of("--env", k + "=" + v)));
    if (allowDirty) {
      args.add("--allow-dirty");
    }
    if (parallel != null) {
      args.addAll(List.of("--parallel", Integer.toString(parallel)));
    }
    if (buildTimeout != null) {
      args.addAll(List.of("--build-timeout", buildTimeout.toString()));
    }
    if (waitLock) {
      args.add("--wait-lock");
    }
    return args;
  }
}
