package dev.crossbatch.cli.options;

import dev.crossbatch.cli.session.Backend;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --local or --codebuild, and where AWS requests go when it is CodeBuild. */
public final class BackendChoice {
  @Option(names = "--local", description = "this machine (the default without codebuild.project)")
  boolean local;

  @Option(names = "--codebuild", description = "AWS CodeBuild, project codebuild.project (the default with it)")
  boolean codebuild;

  @Mixin AwsOptions aws;

  /** The backend the flags name, if they name one. */
  public Optional<Backend> chosen() {
    if (local && codebuild) {
      throw CrossbatchException.usage("--local and --codebuild exclude each other", "pick one");
    }
    return local ? Optional.of(Backend.LOCAL) : codebuild ? Optional.of(Backend.CODEBUILD) : Optional.empty();
  }

  /** The flags' backend, else CodeBuild when crossbatch.yml names a project, else this machine. */
  public Backend orDefault(ProjectConfig config) {
    return chosen().orElse(config.codebuild().hasProject() ? Backend.CODEBUILD : Backend.LOCAL);
  }

  public AwsOptions aws() {
    return aws;
  }
}
