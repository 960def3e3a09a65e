package dev.crossbatch.cli.session;

import dev.crossbatch.core.config.ConfigFiles;
import dev.crossbatch.core.error.CrossbatchException;
import java.nio.file.Path;
import java.util.Optional;

/** Where this run's crossbatch.yml is: --config as given, or found as git finds its repository. */
final class ConfigLocation {
  private ConfigLocation() {}

  /**
   * The config's name as messages give it: --config as given, else the nearest crossbatch.yml or
   * crossbatch.yaml from the start folder up to the repository's root, relative to the start folder
   * ({@code ../../crossbatch.yml}), else {@code crossbatch.yml}, which is not there.
   */
  static String name(String given, Path workDir) {
    return given != null ? given : ConfigFiles.nearest(workDir)
        .map(f -> workDir.toAbsolutePath().relativize(f).toString().replace('\\', '/'))
        .orElse(ConfigFiles.NAMES.get(0));
  }

  /** The error for a config that is not there: where it was looked for, and how to make one. */
  static CrossbatchException missing(String given, String name, Path workDir, Path file) {
    Optional<Path> root = given == null ? ConfigFiles.repositoryRoot(workDir) : Optional.empty();
    return CrossbatchException.usage(root.isPresent() && !root.get().equals(workDir.toAbsolutePath().normalize())
        ? "no crossbatch.yml or crossbatch.yaml in " + workDir + " or above it, up to the repository's root " + root.get()
        : "no " + name + " (looked for " + file + ")",
        "run 'crossbatch init' in your Go module to write one, or pass --config FILE");
  }
}
