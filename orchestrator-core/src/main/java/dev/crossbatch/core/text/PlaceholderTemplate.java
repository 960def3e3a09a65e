package dev.crossbatch.core.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A string with {@code {placeholder}} parts, such as {@code {name}_{os}_{arch}_{commit7}} or
 * {@code -X main.version={version}}. Literal characters are restricted to a pattern because the
 * rendered text reaches a shell.
 */
public final class PlaceholderTemplate {
  /** A literal run or a placeholder name; exactly one is non-null. */
  public record Part(String literal, String placeholder) {
    public boolean isPlaceholder() {
      return placeholder != null;
    }
  }

  private final String source;
  private final List<Part> parts;

  private PlaceholderTemplate(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /**
   * @param allowedLiteral one character of literal text
   * @param literalHint what to say when a literal character is not allowed
   */
  public static PlaceholderTemplate parse(
      String text, Set<String> placeholders, Pattern allowedLiteral, String literalHint)
      throws TemplateException {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '{') {
        int close = text.indexOf('}', i);
        if (close < 0) {
          throw new TemplateException("'{' is not closed; placeholders are written {name}", i);
        }
        String name = text.substring(i + 1, close);
        if (!placeholders.contains(name)) {
          List<String> known = placeholders.stream().map(p -> "{" + p + "}").sorted().toList();
          String suggestion = Suggestions.didYouMean("{" + name + "}", known);
          throw new TemplateException(
              "unknown placeholder '{" + name + "}'"
                  + (suggestion.isEmpty() ? "; known: " + String.join(", ", known) : suggestion),
              i);
        }
        if (literal.length() > 0) {
          parts.add(new Part(literal.toString(), null));
          literal.setLength(0);
        }
        parts.add(new Part(null, name));
        i = close + 1;
        continue;
      }
      if (c == '}' || !allowedLiteral.matcher(String.valueOf(c)).matches()) {
        throw new TemplateException("character '" + c + "' is not allowed" + literalHint, i);
      }
      literal.append(c);
      i++;
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), null));
    }
    return new PlaceholderTemplate(text, parts);
  }

  public String source() {
    return source;
  }

  /** Its text: a config's values are told apart by their text (GenerationRecord). */
  @Override
  public String toString() {
    return source;
  }

  public List<Part> parts() {
    return parts;
  }

  /** Placeholders in order of first use. */
  public Set<String> placeholders() {
    Set<String> used = new LinkedHashSet<>();
    parts.stream().filter(Part::isPlaceholder).forEach(p -> used.add(p.placeholder()));
    return used;
  }

  public long count(String placeholder) {
    return parts.stream().filter(p -> placeholder.equals(p.placeholder())).count();
  }

  public String render(Function<String, String> values) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      out.append(part.isPlaceholder() ? values.apply(part.placeholder()) : part.literal());
    }
    return out.toString();
  }

  /** A template that cannot be used, with the offset of the offending character. */
  public static final class TemplateException extends Exception {
    private final int offset;

    public TemplateException(String message, int offset) {
      super(message);
      this.offset = offset;
    }

    public int offset() {
      return offset;
    }
  }
}
