package dev.crossbatch.core.text;

import dev.crossbatch.core.text.PlaceholderTemplate.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags as a shell user writes them, {@code -s -w -extldflags '-static'} or
 * {@code -gcflags="all=-N -l"}: words split on blanks, single or double quotes grouping blanks into
 * a word, no escapes. They are written back in the one form both readers agree on: inside the
 * generated buildspec's double-quoted {@code -ldflags "..."} the shell keeps single quotes as they
 * are, and the go command splits the value with its own quoting rules (cmd/internal/quoted: blanks
 * separate, single or double quotes group), so a word with a blank is single-quoted.
 */
public final class QuotedWords {
  /** A word without its quotes, where it starts in the text, and where each of its characters came from. */
  public record Word(String text, int offset, List<Integer> sources) {
    /** The offset in the text of the word's character {@code i}. */
    public int sourceOf(int i) {
      return i < sources.size() ? sources.get(i) : offset;
    }
  }

  private QuotedWords() {}

  /** The words of {@code text}; a quote left open, or a quote inside a quoted word, is an error at its offset. */
  public static List<Word> split(String text) throws TemplateException {
    List<Word> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    List<Integer> sources = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t') {
        if (start >= 0) {
          words.add(new Word(word.toString(), start, List.copyOf(sources)));
          word.setLength(0);
          sources.clear();
          start = -1;
        }
        i++;
      } else if (c == '\'' || c == '"') {
        int close = text.indexOf(c, i + 1);
        if (close < 0) {
          throw new TemplateException("the quote " + c + " is not closed; quote a whole word: -extldflags '-static'", i);
        }
        String quoted = text.substring(i + 1, close);
        char other = c == '\'' ? '"' : '\'';
        if (quoted.indexOf(other) >= 0) {
          throw new TemplateException("a quote inside a quoted word cannot be passed on; write it without", i + 1 + quoted.indexOf(other));
        }
        start = start < 0 ? i : start;
        word.append(quoted);
        for (int k = 0; k < quoted.length(); k++) {
          sources.add(i + 1 + k);
        }
        i = close + 1;
      } else {
        start = start < 0 ? i : start;
        word.append(c);
        sources.add(i);
        i++;
      }
    }
    if (start >= 0) {
      words.add(new Word(word.toString(), start, List.copyOf(sources)));
    }
    return words;
  }

  /**
   * A template of words as a shell user writes them: each word's characters checked against
   * {@code allowedLiteral} (a blank only inside quotes), then the words joined back by {@link #join}.
   * Errors point at the character in {@code text}.
   */
  public static PlaceholderTemplate template(String text, Set<String> placeholders, Pattern allowedLiteral, String hint)
      throws TemplateException {
    List<String> texts = new ArrayList<>();
    for (Word w : split(text)) {
      try {
        PlaceholderTemplate.parse(w.text(), placeholders, allowedLiteral, hint);
      } catch (TemplateException e) {
        throw new TemplateException(e.getMessage(), w.sourceOf(e.offset()));
      }
      texts.add(w.text());
    }
    return PlaceholderTemplate.parse(join(texts), placeholders, QUOTED_LITERAL, hint);
  }

  /** What {@link #join} writes: the words' own characters (already checked) and its single quotes. */
  private static final Pattern QUOTED_LITERAL = Pattern.compile("(?s).");

  /** The words as the go command reads them back: blank-free words as they are, others in single quotes. */
  public static String join(List<String> words) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      out.add(w.isEmpty() || w.indexOf(' ') >= 0 || w.indexOf('\t') >= 0 ? "'" + w + "'" : w);
    }
    return String.join(" ", out);
  }

  /** A POSIX shell word holding {@code text} exactly: single quotes, each ' inside written as '\''. */
  public static String shellQuoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /** {@code text} as a shell word: as it is when nothing in it is special to the shell, else {@link #shellQuoted}. */
  public static String shellWord(String text) {
    return text.matches("[A-Za-z0-9_./:@%+=,-]+") ? text : shellQuoted(text);
  }
}
