package dev.crossbatch.cli.command;

import dev.crossbatch.cli.render.BatchTable;
import dev.crossbatch.cli.render.Output;
import dev.crossbatch.cli.render.json.KeygenJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Passwords;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.init.Initializer;
import dev.crossbatch.core.signing.SigningKeys;
import dev.crossbatch.core.source.GitSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "keygen",
    description = {
      "Write a minisign key pair that signs releases.",
      "The secret key is encrypted with a password from CROSSBATCH_SIGNING_PASSWORD or the prompt (unless"
          + " --no-password); its public key goes beside it (.pub), for anyone to check a release with."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch keygen",
      "  crossbatch keygen --out ~/.crossbatch/release.key",
      "  crossbatch keygen --no-password --out ci.key   # for a CI secret store",
      "  crossbatch release --sign-key crossbatch.key",
      "  minisign -Vm dist/SHA256SUMS -p crossbatch.pub"
    })
public final class KeygenCommand implements Callable<Integer> {
  private final Session session;

  KeygenCommand(Session session) {
    this.session = session;
  }

  @Option(names = "--out", paramLabel = "FILE", description = "the secret key's file (default: crossbatch.key); the public key goes beside it as .pub")
  String out = SigningKeys.DEFAULT_KEY;

  @Option(names = "--no-password", description = "store the secret key unencrypted (for a CI secret store that protects it)")
  boolean noPassword;

  @Option(names = "--force", description = "replace an existing key pair")
  boolean force;

  @Override
  public Integer call() {
    Path file = session.context().resolve(out);
    char[] password = noPassword ? null : Passwords.forNewKey(session.context());
    SigningKeys.Written written = SigningKeys.generate(file, password, force, new SecureRandom());
    List<String> notes = new ArrayList<>();
    // the secret key inside a repository stays out of its commits
    GitSource.topOf(file.getParent()).ifPresent(top -> Initializer.ignore(file.getParent(), List.of(file.getFileName().toString()), notes));
    Output output = session.output();
    notes.forEach(n -> session.context().err().println("crossbatch: " + n));
    if (output.json()) {
      output.json(new KeygenJson(written.secretKey().toString(), written.publicKey().toString(), written.key().id(), written.key().base64(),
          written.encrypted()));
      return ExitCodes.OK;
    }
    output.result("public key " + written.key().base64());
    if (!output.quiet()) {
      output.result("  key id " + written.key().id() + ", written to " + BatchTable.relative(session.context().workDir(), written.publicKey()));
      output.result("  secret key " + BatchTable.relative(session.context().workDir(), written.secretKey())
          + (written.encrypted() ? " (encrypted with your password)" : " (NOT encrypted: keep it in a secret store)"));
      output.result("sign a release with: crossbatch release --sign-key " + out);
    }
    return ExitCodes.OK;
  }
}
