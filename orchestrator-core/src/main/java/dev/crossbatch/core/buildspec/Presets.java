package dev.crossbatch.core.buildspec;

import dev.crossbatch.core.config.Layout;
import dev.crossbatch.core.config.Preset;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.SafeYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Loads presets: the files of the repository's top-level buildspecs/ and templates/, shipped in the jar, or a user's file. */
public final class Presets {
  static final String RESOURCE_ROOT = "/dev/crossbatch/presets/";
  public static final String TEMPLATE = Layout.TEMPLATE;

  private Presets() {}

  /** Where a built-in preset lives in the repository (and in the jar under the same name). */
  public static String builtInPath(String name) {
    return "buildspecs/" + name + ".yml";
  }

  /** The text of a built-in preset or template, as shipped. */
  public static String builtInText(String repositoryPath) {
    try (InputStream in = Presets.class.getResourceAsStream(RESOURCE_ROOT + repositoryPath)) {
      if (in == null) {
        throw new CrossbatchException(ErrorKind.INTERNAL, "built-in preset " + repositoryPath + " is missing from the crossbatch jar", "rebuild crossbatch with ./mvnw package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.INTERNAL, "cannot read built-in preset " + repositoryPath + ": " + e.getMessage(), null, e);
    }
  }

  /** Parses a preset with its comments; problems in the preset are reported against its own file. */
  static MappingNode load(Preset preset, Diagnostics diagnostics) {
    Optional<Node> root =
        preset.isBuiltIn()
            ? SafeYaml.parse(builtInText(builtInPath(preset.name())), diagnostics, true)
            : SafeYaml.read(preset.file(), diagnostics, true);
    return asMapping(root, diagnostics);
  }

  /** Fills the preset's {{tokens}} in place; see {@link PresetRenderer} for the rules. */
  public static void render(MappingNode root, java.util.Map<String, Object> values, Diagnostics diagnostics) {
    new PresetRenderer(values, diagnostics).render(root);
  }

  public static MappingNode loadTemplate(Diagnostics diagnostics) {
    return asMapping(SafeYaml.parse(builtInText(TEMPLATE), diagnostics, true), diagnostics);
  }

  private static MappingNode asMapping(Optional<Node> root, Diagnostics diagnostics) {
    if (root.isPresent() && !(root.get() instanceof MappingNode)) {
      diagnostics.error(root.get(), "a preset must be a buildspec mapping (version:, phases:, artifacts:)");
    }
    diagnostics.throwIfErrors();
    return (MappingNode) root.get();
  }
}
