package dev.crossbatch.core.release;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * manifest.json: what a release holds and how it was made. The schema is documented in
 * docs/manifest.md; {@code schema} changes when a field changes meaning.
 */
public record Manifest(
    int schema,
    String name,
    String version,
    String commit,
    boolean dirty,
    String backend,
    String project,
    String batch,
    Instant created,
    Map<String, String> tools,
    List<Entry> artifacts) {

  public static final String FILE = "manifest.json";
  public static final int SCHEMA = 1;

  /** One zip: its platform, where it is (relative to the manifest), size, SHA-256 and the build that made it. */
  public record Entry(
      String platform,
      String os,
      String arch,
      String variant,
      String identifier,
      String file,
      long size,
      String sha256,
      String build,
      Instant start,
      Instant end) {}
}
