package dev.crossbatch.cli.command;

import dev.crossbatch.cli.session.ExitCodes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "artifacts",
    description = {
      "List and download the per-platform archives of the releases: from S3 (--bucket, codebuild.bucket) or the local store (dist/).",
      "Archives are found by name (artifact: in crossbatch.yml, {name}_{os}_{arch}_{commit7}.zip by default; .tar.gz and bare"
          + " binaries too) in any folder under the prefix; names by {version} find their commit in the manifest.json beside them."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch artifacts list --latest",
      "  crossbatch artifacts download --commit 3f9c2e1 \\",
      "      --platform linux/arm64 --dest bin --extract"
    })
public final class ArtifactsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
