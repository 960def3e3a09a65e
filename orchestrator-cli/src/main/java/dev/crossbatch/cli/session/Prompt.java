package dev.crossbatch.cli.session;

import java.io.Console;
import java.util.Optional;

/** Asks the person at the terminal a question; empty when nobody can answer (no terminal, end of input). */
@FunctionalInterface
public interface Prompt {
  Optional<String> ask(String question);

  /** Nobody to ask: pipes, CI, tests. */
  static Prompt none() {
    return question -> Optional.empty();
  }

  /** The process's console, when it has one. */
  static Prompt console() {
    Console console = System.console();
    return console == null ? none() : question -> Optional.ofNullable(console.readLine("%s", question)).map(String::trim);
  }
}
