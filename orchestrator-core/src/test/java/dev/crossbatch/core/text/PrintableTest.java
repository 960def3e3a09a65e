package dev.crossbatch.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
  @Test
  void escape_showsEveryControlCharacter_andLeavesTheRestAsItIs() {
    assertThat(Printable.escape("plain: café 3f9c2e1")).isEqualTo("plain: café 3f9c2e1");
    assertThat(Printable.escape("\u001b[2J\u001b]0;title\u0007a\tb\nc\rd\u007f\u009b")).isEqualTo("\\x1b[2J\\x1b]0;title\\x07a\\tb\\nc\\rd\\x7f\\x9b");
    assertThat(Printable.escape(null)).isNull();
  }
}
