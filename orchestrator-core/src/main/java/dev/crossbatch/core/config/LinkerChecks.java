package dev.crossbatch.core.config;

import dev.crossbatch.core.golang.GoDeclarations;
import dev.crossbatch.core.golang.GoModule;
import dev.crossbatch.core.golang.LinkerVariables;
import dev.crossbatch.core.text.PlaceholderTemplate.TemplateException;
import dev.crossbatch.core.text.PlaceholderTemplate;
import dev.crossbatch.core.text.QuotedWords;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.Nodes;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Warnings about what the config asks of the Go sources: each {@code -X} of a build's linker flags
 * (its own, the top level's or an override's) must reach a string variable, or the binary keeps a
 * stale version and nobody is told. Read from the source, so it works before any build and on
 * stripped binaries (-s -w leave no symbol table to read).
 */
final class LinkerChecks {
  private LinkerChecks() {}

  static void warn(ProjectConfig config, Node root, Diagnostics d) {
    if (!config.preset().isGo()) {
      return;
    }
    Path dir = config.dir();
    Optional<String> modulePath;
    try {
      modulePath = GoModule.read(dir).map(GoModule::path);
    } catch (RuntimeException unreadable) {
      return; // go build says what is wrong with go.mod
    }
    Set<String> said = new LinkedHashSet<>();
    for (int i = 0; i < config.builds().size(); i++) {
      GoBuild build = config.builds().get(i);
      Node at = ldflagsNode(root, i);
      Optional<Path> main = mainFolder(build.main(), dir, modulePath);
      if (main.isEmpty() || !GoDeclarations.isPackage(main.get())) {
        // no source to read (go build will say so)
        continue;
      }
      for (PlaceholderTemplate ldflags : ldflagsOf(config, build)) {
        List<String> words;
        try {
          words = QuotedWords.split(ldflags.source()).stream().map(QuotedWords.Word::text).toList();
        } catch (TemplateException e) {
          continue; // reported when the flags were read
        }
        for (LinkerVariables.Problem p : LinkerVariables.check(LinkerVariables.targets(words), dir, modulePath, main.get(), build.main())) {
          String message = "'-X " + p.target() + "' sets nothing: " + p.why() + "; the binary keeps the value in its source";
          if (said.add(message)) {
            d.warning(at, message);
          }
        }
      }
    }
  }

  /** Where the build's linker flags are written: its own ldflags, else the top level's, else its entry or the file. */
  private static Node ldflagsNode(Node root, int build) {
    if (!(root instanceof MappingNode map)) {
      return root;
    }
    Optional<Node> entry = Nodes.get(map, "builds").filter(b -> b instanceof SequenceNode s && s.getValue().size() > build)
        .map(b -> ((SequenceNode) b).getValue().get(build));
    return entry.filter(e -> e instanceof MappingNode).flatMap(e -> Nodes.get((MappingNode) e, "ldflags"))
        .or(() -> Nodes.get(map, "ldflags"))
        .or(() -> entry)
        .orElse(root);
  }

  /** The build's own linker flags and those overrides give it on some platforms. */
  private static List<PlaceholderTemplate> ldflagsOf(ProjectConfig config, GoBuild build) {
    Set<PlaceholderTemplate> all = new LinkedHashSet<>();
    all.add(build.ldflags());
    config.overrides().stream().map(PlatformOverride::ldflags).filter(l -> l != null).forEach(all::add);
    return List.copyOf(all);
  }

  private static Optional<Path> mainFolder(String main, Path dir, Optional<String> modulePath) {
    if (main.equals(".") || main.startsWith("./")) {
      return Optional.of(dir.resolve(main).normalize());
    }
    return modulePath.filter(m -> main.equals(m) || main.startsWith(m + "/"))
        .map(m -> dir.resolve(main.substring(m.length()).replaceFirst("^/", "")).normalize());
  }
}
