package dev.crossbatch.cli.render.json;

/** start without --wait: the batch it started. */
public final class StartJson {
  private StartJson() {}

  /** On this machine: the batch runs in the background. */
  public record Local(String batch, String backend) {}

  /** On CodeBuild. */
  public record CodeBuild(String batch, String backend, String project, String sourceVersion, String commit, String version, String console) {}
}
