package dev.crossbatch.core.yaml;

import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.io.IoErrors;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The only way crossbatch reads or writes YAML: SnakeYAML's node API with explicit limits, so every
 * value keeps its line and column, and output goes through the emitter with fixed settings.
 */
public final class SafeYaml {
  /** Configs and buildspecs are small; the size is checked before parsing (a 4 MiB scalar takes seconds). */
  public static final int MAX_BYTES = 1 << 20;

  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 50;

  private SafeYaml() {}

  /** Reads and parses one file; a missing or unreadable file is a diagnostic like any other problem. */
  public static Optional<Node> read(Path file, Diagnostics diagnostics, boolean keepComments) {
    byte[] bytes;
    try {
      bytes = BoundedFiles.read(file, MAX_BYTES);
    } catch (NoSuchFileException e) {
      diagnostics.error(1, 1, "no such file");
      return Optional.empty();
    } catch (BoundedFiles.NotRegularException e) {
      diagnostics.error(1, 1, e.what() + ", not a regular file; give the path of the file itself");
      return Optional.empty();
    } catch (BoundedFiles.TooLargeException e) {
      diagnostics.error(1, 1, "file is larger than the limit of " + MAX_BYTES + " bytes (1 MiB); a config or buildspec is far smaller");
      return Optional.empty();
    } catch (IOException e) {
      diagnostics.error(1, 1, "cannot read the file (" + IoErrors.reason(e) + "); check its permissions");
      return Optional.empty();
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      diagnostics.error(1, 1, "file is not UTF-8 text; save it as UTF-8");
      return Optional.empty();
    }
    return parse(text, diagnostics, keepComments);
  }

  /** Parses exactly one YAML document. Returns empty (with a diagnostic) when there is none or it is invalid. */
  public static Optional<Node> parse(String text, Diagnostics diagnostics, boolean keepComments) {
    if (text.length() > MAX_BYTES) {
      diagnostics.error(1, 1, "document is longer than the limit of " + MAX_BYTES + " characters");
      return Optional.empty();
    }
    try {
      // SnakeYAML's composer alone, as Yaml.composeAll makes it: a Yaml object's constructor and
      // representer (and java.util.logging, which they start) are for emitting, not for reading
      LoaderOptions loading = loading(keepComments);
      Composer documents = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), loading), new Resolver(), loading);
      if (!documents.checkNode()) {
        diagnostics.error(1, 1, "file is empty");
        return Optional.empty();
      }
      Node first = documents.getNode();
      if (documents.checkNode()) {
        Node second = documents.getNode();
        diagnostics.error(second.getStartMark(), "only one YAML document is allowed; remove the second '---' section");
        return Optional.empty();
      }
      return Optional.of(first);
    } catch (MarkedYAMLException e) {
      String message = syntaxMessage(e);
      if (e.getProblemMark() != null) {
        diagnostics.error(e.getProblemMark(), message);
      } else {
        diagnostics.error(1, 1, message);
      }
      return Optional.empty();
    } catch (YAMLException e) {
      diagnostics.error(1, 1, limitMessage(e.getMessage()));
      return Optional.empty();
    } catch (StackOverflowError e) {
      diagnostics.error(1, 1, "YAML is nested too deeply");
      return Optional.empty();
    }
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = clean(e.getProblem() == null ? e.getContext() : e.getProblem());
    if (problem.contains("(TAB)")) {
      return "invalid YAML: a tab cannot indent YAML; indent with spaces";
    }
    String context = e.getContext();
    if (context != null && e.getContextMark() != null && e.getProblem() != null) {
      int line = e.getContextMark().getLine() + 1;
      int column = e.getContextMark().getColumn() + 1;
      return "invalid YAML: " + problem + " (" + clean(context) + " started at " + line + ":" + column + ")";
    }
    return "invalid YAML: " + problem;
  }

  private static String limitMessage(String message) {
    String m = message == null ? "" : message;
    if (m.contains("aliases")) {
      return "YAML uses anchors/aliases more than " + MAX_ALIASES + " times; expand them or simplify the file";
    }
    if (m.contains("Nesting Depth")) {
      return "YAML is nested deeper than " + MAX_DEPTH + " levels";
    }
    if (m.contains("code points")) {
      return "document is longer than the limit of " + MAX_BYTES + " characters";
    }
    return "invalid YAML: " + clean(m);
  }

  private static String clean(String problem) {
    return problem == null ? "unreadable document" : problem.replace('\n', ' ').trim();
  }

  /** Emits a node tree with crossbatch's fixed style; same tree, same bytes. */
  public static String emit(Node root) {
    StringWriter out = new StringWriter();
    yaml(true).serialize(root, out);
    String text = out.toString();
    // SnakeYAML indents the blank lines it keeps from comments. Without literal or folded block
    // scalars (where leading spaces are content) those are the only whitespace-only lines.
    return hasBlockScalar(root) ? text : BLANK_WITH_SPACES.matcher(text).replaceAll("");
  }

  private static final java.util.regex.Pattern BLANK_WITH_SPACES = java.util.regex.Pattern.compile("(?m)^[ ]+$");

  private static boolean hasBlockScalar(Node node) {
    if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar) {
      DumperOptions.ScalarStyle style = scalar.getScalarStyle();
      return style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED;
    }
    if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
      return seq.getValue().stream().anyMatch(SafeYaml::hasBlockScalar);
    }
    if (node instanceof org.yaml.snakeyaml.nodes.MappingNode map) {
      return map.getValue().stream().anyMatch(t -> hasBlockScalar(t.getKeyNode()) || hasBlockScalar(t.getValueNode()));
    }
    return false;
  }

  private static LoaderOptions loading(boolean comments) {
    LoaderOptions loading = new LoaderOptions();
    loading.setAllowDuplicateKeys(false);
    loading.setAllowRecursiveKeys(false);
    loading.setMaxAliasesForCollections(MAX_ALIASES);
    loading.setNestingDepthLimit(MAX_DEPTH);
    loading.setCodePointLimit(MAX_BYTES);
    loading.setProcessComments(comments);
    return loading;
  }

  private static Yaml yaml(boolean comments) {
    LoaderOptions loading = loading(comments);
    DumperOptions dumping = new DumperOptions();
    dumping.setProcessComments(comments);
    dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    dumping.setIndent(2);
    dumping.setIndicatorIndent(2);
    dumping.setIndentWithIndicator(true);
    dumping.setWidth(Integer.MAX_VALUE);
    dumping.setSplitLines(false);
    dumping.setLineBreak(DumperOptions.LineBreak.UNIX);
    return new Yaml(new SafeConstructor(loading), new Representer(dumping), dumping, loading);
  }
}
