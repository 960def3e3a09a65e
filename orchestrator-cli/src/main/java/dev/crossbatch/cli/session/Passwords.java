package dev.crossbatch.cli.session;

import dev.crossbatch.core.error.CrossbatchException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The passwords of signing keys: from CROSSBATCH_SIGNING_PASSWORD, else typed at the terminal, never on the command line. */
public final class Passwords {
  private Passwords() {}

  /** Where a signing key's password comes from when no one types it. */
  public static final String PASSWORD_VARIABLE = "CROSSBATCH_SIGNING_PASSWORD";

  /** The password for a new secret key: CROSSBATCH_SIGNING_PASSWORD, else typed twice at the terminal. */
  public static char[] forNewKey(CliContext context) {
    Optional<char[]> given = fromEnvironment(context);
    if (given.isPresent()) {
      return given.get();
    }
    char[] first = context.prompt().askSecret("password for the new secret key: ").orElseThrow(() -> CrossbatchException.usage(
        "keygen encrypts the secret key with a password, and there is no terminal to type one",
        "set " + PASSWORD_VARIABLE + ", or pass --no-password to store it unencrypted for a CI secret store"));
    if (first.length == 0) {
      throw CrossbatchException.usage("an empty password protects nothing", "type one, or pass --no-password");
    }
    char[] again = context.prompt().askSecret("the same password again: ").orElse(new char[0]);
    if (!java.util.Arrays.equals(first, again)) {
      throw CrossbatchException.usage("the two passwords differ; no key was written", "run keygen again");
    }
    return first;
  }

  /** The password of an encrypted secret key, asked only when it is needed: CROSSBATCH_SIGNING_PASSWORD, else the terminal. */
  public static Supplier<char[]> forKey(CliContext context, Path key) {
    return () -> fromEnvironment(context).or(() -> context.prompt().askSecret("password for " + key + ": ")).orElseThrow(() ->
        CrossbatchException.usage(key + " is encrypted and there is no terminal to type its password", "set " + PASSWORD_VARIABLE));
  }

  /** CROSSBATCH_SIGNING_PASSWORD when it is set and not empty. */
  private static Optional<char[]> fromEnvironment(CliContext context) {
    return Optional.ofNullable(context.environment().get(PASSWORD_VARIABLE)).filter(p -> !p.isEmpty()).map(String::toCharArray);
  }
}
