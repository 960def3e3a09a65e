package dev.crossbatch.core.error;

import java.util.Optional;

/**
 * Every failure crossbatch reports to a user: what failed and where (the message), what to do
 * (the hint), and the kind that decides the exit code.
 */
public class CrossbatchException extends RuntimeException {
  private final ErrorKind kind;
  private final String hint;

  public CrossbatchException(ErrorKind kind, String message, String hint) {
    this(kind, message, hint, null);
  }

  public CrossbatchException(ErrorKind kind, String message, String hint, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.hint = hint;
  }

  public static CrossbatchException usage(String message, String hint) {
    return new CrossbatchException(ErrorKind.USAGE, message, hint);
  }

  public ErrorKind kind() {
    return kind;
  }

  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }
}
