package dev.crossbatch.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft 2020-12) of crossbatch.yml, for editors: what 'crossbatch schema' prints
 * and what the line init writes points to. Kept beside the readers and tested against them (every
 * key, enum and pattern); validate checks more than a schema can (docs/schema.md).
 */
public final class ConfigSchema {
  /** The schema's $id, which init's yaml-language-server line names. */
  public static final String ID = "https://crossbatch.dev/schema/crossbatch.schema.json";

  /** The comment editors with the YAML language server read (VS Code, Neovim, Helix, IntelliJ). */
  public static final String MODELINE = "# yaml-language-server: $schema=" + ID;

  private ConfigSchema() {}

  public static String text() {
    try (InputStream in = ConfigSchema.class.getResourceAsStream("crossbatch.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("crossbatch.schema.json is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
