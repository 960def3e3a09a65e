package dev.crossbatch.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.text.PlaceholderTemplate.TemplateException;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotedWordsTest {
  private static List<String> words(String text) throws TemplateException {
    return QuotedWords.split(text).stream().map(QuotedWords.Word::text).toList();
  }

  @Test
  void split_groupsQuotedBlanks_asAShellDoes() throws Exception {
    assertThat(words("-s -w -extldflags '-static'")).containsExactly("-s", "-w", "-extldflags", "-static");
    assertThat(words("-extldflags \"-static -lm\"  -X main.v=1")).containsExactly("-extldflags", "-static -lm", "-X", "main.v=1");
    assertThat(words("-gcflags='all=-N -l'")).containsExactly("-gcflags=all=-N -l");
    assertThat(QuotedWords.split("  -a 'b c'").get(1).offset()).isEqualTo(5);
  }

  @Test
  void join_quotesOnlyWordsWithBlanks_soGoReadsTheSameWords() throws Exception {
    assertThat(QuotedWords.join(words("-s -w -extldflags \"-static -lm\""))).isEqualTo("-s -w -extldflags '-static -lm'");
    assertThat(QuotedWords.join(words("-extldflags '-static'"))).isEqualTo("-extldflags -static");
  }

  @Test
  void anOpenQuote_orAQuoteInsideAQuotedWord_isRefusedWhereItIs() {
    assertThatThrownBy(() -> QuotedWords.split("-extldflags '-static")).isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("the quote ' is not closed").extracting(e -> ((TemplateException) e).offset()).isEqualTo(12);
    assertThatThrownBy(() -> QuotedWords.split("-X \"main.v=it's\"")).isInstanceOf(TemplateException.class)
        .extracting(e -> ((TemplateException) e).offset()).isEqualTo(13);
  }
}
