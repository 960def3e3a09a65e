package dev.crossbatch.cli.options;

import dev.crossbatch.cli.session.Backend;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.batch.BatchRequest;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.Trees;
import dev.crossbatch.core.release.Release;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --buildspec FILE} of start (and of its background runner): a buildspec of the user's own,
 * run on this machine without crossbatch.yml, from the root of the repository holding it (decision 0031).
 */
public final class OwnBuildspec {
  @Option(names = "--buildspec", paramLabel = "FILE",
      description = "run this buildspec of your own on this machine, without crossbatch.yml: from the root of the repository holding it, named after that folder")
  String file;

  /** Whether --buildspec was given. */
  public boolean given() {
    return file != null;
  }

  /** The project of the batch: crossbatch.yml, or with --buildspec the repository holding the file. */
  public ProjectConfig project(Session session) {
    return file == null ? session.config() : session.ownProject(path(session)).config();
  }

  /** Where it runs: as the batch options say, and always here with --buildspec (--codebuild is refused). */
  public Backend backend(BatchOptions batch, ProjectConfig config) {
    if (file == null) {
      return batch.backend(config);
    }
    if (batch.chosenBackend().orElse(Backend.LOCAL) == Backend.CODEBUILD) {
      throw CrossbatchException.usage("--buildspec runs a buildspec of your own on this machine; a CodeBuild batch runs crossbatch.yml's",
          "add --local (or drop --codebuild), or run it on CodeBuild with 'aws codebuild start-build-batch --buildspec-override file://" + file + "'");
    }
    return Backend.LOCAL;
  }

  /**
   * The local batch to run: crossbatch.yml's rendered buildspec, or the --buildspec file as it is
   * now (like CodeBuild's buildspecOverride), named in messages by its path from the repository's root.
   */
  public BatchRequest localRequest(Session session, BatchOptions batch, ProjectConfig config) {
    Release.Request request = batch.request(false, Map.of());
    if (file == null) {
      return Release.batchRequest(config, request);
    }
    Session.OwnProject own = session.ownProject(path(session));
    Path from = Trees.real(session.context().workDir());
    Path root = config.dir();
    // a message names a file as the user can open it from where they are: batch.yml in ci/, not ci/batch.yml
    return Release.ownBuildspec(config, request, own.text(), own.name(), name -> {
      Path file = root.resolve(name).normalize();
      return file.startsWith(from) || from.startsWith(root) ? from.relativize(file).toString() : name;
    });
  }

  /** The arguments that give the background runner the same buildspec. */
  public List<String> arguments() {
    return file == null ? List.of() : List.of("--buildspec", file);
  }

  private Path path(Session session) {
    return session.context().resolve(file);
  }
}
