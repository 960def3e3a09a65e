package dev.crossbatch.cli.render;

/** A count with its noun in the right number: "1 build", "6 builds" (never "build(s)"). */
public final class Plural {
  private Plural() {}

  /** {@code count} and {@code noun}, with an "s" unless it is one. */
  public static String of(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
