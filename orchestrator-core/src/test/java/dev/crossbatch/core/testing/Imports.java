package dev.crossbatch.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The imports of a source tree, read from the files: what the architecture tests check (which
 * package may use which, no cycles between packages). Fully qualified names in code count too.
 */
public final class Imports {
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern COMMENT_OR_STRING =
      Pattern.compile("'(?:\\\\.|[^'\\\\])'|/\\*.*?\\*/|//[^\\n]*|\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);
  private static final Pattern QUALIFIED = Pattern.compile("\\b(dev\\.crossbatch(?:\\.[a-z]\\w*)+)\\.[A-Z]");

  /** One source file: its package, and the crossbatch packages and other imports it uses. */
  public record Source(Path file, String pkg, Set<String> uses, List<String> imports) {}

  private final List<Source> sources;

  private Imports(List<Source> sources) {
    this.sources = sources;
  }

  public static Imports of(Path root) {
    List<Source> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String text = Files.readString(file);
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find()) {
          continue;
        }
        Set<String> uses = new TreeSet<>();
        Matcher q = QUALIFIED.matcher(code(text));
        while (q.find()) {
          if (!q.group(1).equals(pkg.group(1))) {
            uses.add(q.group(1));
          }
        }
        List<String> imports = text.lines().filter(l -> l.startsWith("import ")).map(l -> l.substring(7).replace(";", "").trim()).toList();
        sources.add(new Source(file, pkg.group(1), uses, imports));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Imports(sources);
  }

  /** The text without comments and string literals: a name in a javadoc or a message is no dependency. */
  public static String code(String text) {
    return COMMENT_OR_STRING.matcher(text).replaceAll(" ");
  }

  public List<Source> sources() {
    return sources;
  }

  /** Files (as {@code file: import}) of packages under {@code from} that import something starting with {@code prefix}. */
  public List<String> importing(String from, String prefix) {
    List<String> found = new ArrayList<>();
    for (Source s : sources) {
      if (s.pkg().equals(from) || s.pkg().startsWith(from + ".")) {
        s.imports().stream().filter(i -> i.startsWith(prefix) || i.startsWith("static " + prefix)).forEach(i -> found.add(s.file().getFileName() + ": " + i));
      }
    }
    return found;
  }

  /** The files under {@code root} longer than {@code max} lines, as paths relative to it. */
  public static List<String> longerThan(Path root, int max) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        if (Files.readAllLines(file).size() > max) {
          found.add(root.relativize(file).toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** Which crossbatch package uses which. */
  public Map<String, Set<String>> graph() {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Source s : sources) {
      graph.computeIfAbsent(s.pkg(), k -> new TreeSet<>()).addAll(s.uses());
    }
    return graph;
  }

  /** The groups of packages that use each other in a circle (Tarjan's strongly connected components of more than one). */
  public List<Set<String>> cycles() {
    return cycles(graph());
  }

  public static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    List<String> stack = new ArrayList<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> found = new ArrayList<>();
    int[] counter = {0};
    for (String node : graph.keySet()) {
      if (!index.containsKey(node)) {
        connect(node, graph, index, low, stack, onStack, found, counter);
      }
    }
    return found;
  }

  private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low, List<String> stack,
      Set<String> onStack, List<Set<String>> found, int[] counter) {
    index.put(node, counter[0]);
    low.put(node, counter[0]);
    counter[0]++;
    stack.add(node);
    onStack.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      if (!graph.containsKey(next)) {
        continue; // another module's package: not part of this graph
      }
      if (!index.containsKey(next)) {
        connect(next, graph, index, low, stack, onStack, found, counter);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      Set<String> component = new TreeSet<>();
      String member;
      do {
        member = stack.remove(stack.size() - 1);
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(node));
      if (component.size() > 1) {
        found.add(component);
      }
    }
  }
}
