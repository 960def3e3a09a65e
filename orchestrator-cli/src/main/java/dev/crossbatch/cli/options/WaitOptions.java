package dev.crossbatch.cli.options;

import dev.crossbatch.core.error.CrossbatchException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** --wait and --timeout of the commands that start something a batch then runs (start, retry). */
public final class WaitOptions {
  @Option(names = "--wait", description = "follow the batch to its end; exit 0 only if it succeeded")
  boolean await;

  @Option(names = "--timeout", paramLabel = "MINUTES", description = "with --wait: give up (exit 1) after this long")
  Integer timeout;

  public boolean await() {
    return await;
  }

  /** The --timeout in minutes, null for none; checked before anything is started. */
  public Duration timeout() {
    if (timeout != null && !await) {
      throw CrossbatchException.usage("--timeout applies to --wait", "add --wait, or drop --timeout");
    }
    return minutes(timeout);
  }

  public static Duration minutes(Integer given) {
    if (given != null && (given < 1 || given > 7 * 24 * 60)) {
      throw CrossbatchException.usage("--timeout " + given + ": give minutes from 1 to 10080 (a week)", "e.g. --timeout 30");
    }
    return given == null ? null : Duration.ofMinutes(given);
  }
}
