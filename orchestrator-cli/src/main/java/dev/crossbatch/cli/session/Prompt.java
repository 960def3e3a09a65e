package dev.crossbatch.cli.session;

import java.io.Console;
import java.util.Optional;

/** Asks the person at the terminal a question; empty when nobody can answer (no terminal, end of input). */
@FunctionalInterface
public interface Prompt {
  Optional<String> ask(String question);

  /** A question whose answer is not shown as it is typed (a password). */
  default Optional<char[]> askSecret(String question) {
    return ask(question).map(String::toCharArray);
  }

  /** Nobody to ask: pipes, CI, tests. */
  static Prompt none() {
    return question -> Optional.empty();
  }

  /** The process's console, when it has one. */
  static Prompt console() {
    Console console = System.console();
    if (console == null) {
      return none();
    }
    return new Prompt() {
      @Override
      public Optional<String> ask(String question) {
        return Optional.ofNullable(console.readLine("%s", question)).map(String::trim);
      }

      @Override
      public Optional<char[]> askSecret(String question) {
        return Optional.ofNullable(console.readPassword("%s", question));
      }
    };
  }
}
