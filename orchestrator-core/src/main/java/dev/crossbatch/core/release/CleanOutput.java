package dev.crossbatch.core.release;

import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.IoErrors;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.io.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * release --clean, GoReleaser's habit: the output folder emptied before the release, so it holds
 * this release's files alone. Called holding the folder's lock, which stays. Only a folder of its
 * own is emptied: never one that holds the project or a repository.
 */
public final class CleanOutput {
  private CleanOutput() {}

  /** Empties local.output (dist/); returns how many entries it held. */
  public static int empty(ProjectConfig config) {
    Path dist = Layout.of(config).outputDir().toAbsolutePath().normalize();
    if (config.dir().toAbsolutePath().normalize().startsWith(dist) || Files.exists(dist.resolve(".git"))) {
      throw CrossbatchException.usage("--clean would empty " + dist + ", which holds the project (local.output: " + config.local().output() + ")",
          "set local.output to a folder of its own, such as dist, or release without --clean");
    }
    if (!Files.isDirectory(dist)) {
      return 0;
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(dist)) {
      entries = list.filter(p -> !p.getFileName().toString().equals(OutputLock.FILE)).toList();
    } catch (IOException e) {
      throw IoErrors.cannot("list", dist, e);
    }
    for (Path entry : entries) {
      try {
        Trees.delete(entry); // a link goes, never what it points to
      } catch (IOException e) {
        throw IoErrors.cannot("remove", entry, e);
      }
    }
    return entries.size();
  }
}
