package dev.crossbatch.cli.command;

import dev.crossbatch.cli.render.BatchTable;
import dev.crossbatch.cli.render.Output;
import dev.crossbatch.cli.render.json.VerifyJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.ReleaseKeys;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.aws.AwsSettings;
import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.release.ReleaseVerification;
import dev.crossbatch.core.signing.SigningKeys;
import dev.crossbatch.core.signing.VerifyingKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "verify",
    description = {
      "Check a signed release folder against its public key.",
      "SHA256SUMS and manifest.json must be signed by the key, every file SHA256SUMS lists (zips, SBOMs,"
          + " provenance) present with its SHA-256, each SBOM must describe its zip, and the provenance must be"
          + " signed by the key and name every zip. Exit 0, or 4 naming what failed."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch verify --key crossbatch.pub",
      "  crossbatch verify downloads/ --key release.pub --output json"
    })
public final class VerifyCommand implements Callable<Integer> {
  private final Session session;

  VerifyCommand(Session session) {
    this.session = session;
  }

  @Parameters(paramLabel = "DIR", arity = "0..1", description = "the release folder (default: local.output of crossbatch.yml, else this folder)")
  String dir;

  @Option(names = "--key", paramLabel = "PUB",
      description = "the minisign public key, the PEM of a KMS key, or kms:ARN (default: the .pub beside sign.key of crossbatch.yml, or its kms:ARN)")
  String key;

  @Override
  public Integer call() {
    ProjectConfig config = session.hasConfig() ? session.config() : null;
    Path folder = dir != null ? session.context().resolve(dir) : config != null ? Layout.of(config).outputDir() : session.context().workDir();
    if (!Files.isDirectory(folder)) {
      throw CrossbatchException.usage("no release folder " + folder, "give the folder holding SHA256SUMS, e.g. crossbatch verify dist/ --key crossbatch.pub");
    }
    String configured = config == null ? null : config.signingKey();
    String reference = key != null ? key : configured != null && ReleaseKeys.inKms(configured) ? configured : null;
    Path pub = key != null ? session.context().resolve(key)
        : configured != null && !ReleaseKeys.inKms(configured) ? SigningKeys.publicKeyFile(config.dir().resolve(configured)) : null;
    if (pub == null && reference == null) {
      throw CrossbatchException.usage("which public key? verify checks the release against the key that signed it",
          "pass --key crossbatch.pub (the .pub keygen wrote), or --key kms:ARN");
    }
    VerifyingKey publicKey = ReleaseKeys.verifying(session, reference == null ? "" : reference, pub, new AwsSettings(null, null, null),
        config == null ? null : config.codebuild().region());
    ReleaseVerification.Report report = ReleaseVerification.verify(folder, publicKey);
    Output output = session.output();
    if (output.json()) {
      output.json(VerifyJson.of(report));
    } else {
      for (ReleaseVerification.Check check : report.checks()) {
        if (check.ok() && output.forPeople()) {
          output.out().println("ok      " + check.file() + " (" + check.what() + ")");
        } else if (!check.ok()) {
          output.err().println("FAILED  " + check.file() + " (" + check.what() + "): " + check.problem());
        }
      }
      long files = report.checks().stream().filter(c -> c.what().equals("sha256")).count();
      if (report.valid()) {
        output.result("verified " + files + (files == 1 ? " file" : " files") + " of " + BatchTable.relative(session.context().workDir(), folder)
            + " against key " + publicKey.id());
      } else {
        output.err().println("crossbatch: verification failed: " + report.failed().size() + " of " + report.checks().size() + " checks");
      }
    }
    return report.valid() ? ExitCodes.OK : ExitCodes.INTEGRITY;
  }
}
