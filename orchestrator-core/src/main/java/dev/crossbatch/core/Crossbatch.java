package dev.crossbatch.core;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.config.ConfigLoader;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.init.Initializer;
import dev.crossbatch.core.local.LocalBuildService;
import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.release.Release;
import dev.crossbatch.core.validate.FileCheck;
import dev.crossbatch.core.error.CrossbatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The use cases, one method each. The CLI parses flags, calls one of these, and renders what
 * comes back; nothing here prints.
 */
public final class Crossbatch {

  public ProjectConfig loadConfig(Path file, String displayName) {
    if (!Files.exists(file)) {
      throw CrossbatchException.usage("no " + displayName + " (looked for " + file + ")",
          "run 'crossbatch init' in your Go module to write one, or pass --config FILE");
    }
    return ConfigLoader.load(file, displayName);
  }

  public List<KnownPlatforms.Entry> platforms() {
    return KnownPlatforms.all();
  }

  /** What {@code generate} did, or with {@code check} what it would change. */
  public record GenerateResult(ProjectConfig config, List<Generation.FileResult> files) {
    public boolean stale() {
      return files.stream().anyMatch(f -> f.state() == Generation.State.STALE || f.state() == Generation.State.MISSING);
    }
  }

  public GenerateResult generate(Path configFile, String displayName, boolean check) {
    ProjectConfig config = loadConfig(configFile, displayName);
    return new GenerateResult(config, check ? Generation.check(config) : Generation.write(config));
  }

  public FileCheck validate(Path file, String displayName, FileCheck.Kind kind) {
    return FileCheck.of(file, displayName, kind);
  }

  /** {@code release} on the local backend: generate if stale, run, verify, SHA256SUMS and manifest.json. */
  public Release.Result release(ProjectConfig config, LocalBuildService service, Release.Request request, OutputLock.Waiting waiting,
      Consumer<BatchSnapshot> progress) {
    return Release.run(config, service, request, waiting, progress);
  }

  public Initializer.Result init(Initializer.Request request) {
    return Initializer.init(request);
  }
}
