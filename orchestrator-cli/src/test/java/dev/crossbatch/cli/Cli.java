package dev.crossbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process, as if started in {@code dir}, and captures what it prints. */
public final class Cli {
  public record Run(int exit, String out, String err) {}

  private Cli() {}

  public static Run run(Path dir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(dir, new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** SHA256SUMS without its provenance line, which differs each run (it records when the builds ran). */
  public static String withoutProvenance(String sums) {
    return String.join("\n", sums.lines().filter(l -> !l.endsWith(".intoto.jsonl")).toList());
  }
}
