package dev.crossbatch.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

class SafeYamlTest {

  @Test
  void read_fileOverOneMebibyte_isRefusedBeforeParsing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.yml");
    Files.writeString(file, "name: " + "x".repeat(SafeYaml.MAX_BYTES) + "\n");
    Diagnostics d = new Diagnostics("big.yml");

    Optional<Node> node = SafeYaml.read(file, d, false);

    assertThat(node).isEmpty();
    // the size limit's message, not a parser's: it was refused before parsing
    assertThat(d.list()).singleElement().hasToString("big.yml:1:1: file is larger than the limit of 1048576 bytes (1 MiB); a config or buildspec is far smaller");
  }

  @Test
  void parse_billionLaughs_isRefusedByTheAliasLimit() {
    StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      yaml.append(String.join(", ", java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
      prev = c;
    }
    Diagnostics d = new Diagnostics("bomb.yml");

    assertThat(SafeYaml.parse(yaml.toString(), d, false)).isEmpty();
    assertThat(d.list()).singleElement().hasToString("bomb.yml:1:1: YAML uses anchors/aliases more than 50 times; expand them or simplify the file");
  }

  @Test
  void parse_deepNesting_isRefusedWithoutStackOverflow() {
    String yaml = "a: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";
    Diagnostics d = new Diagnostics("deep.yml");

    assertThat(SafeYaml.parse(yaml, d, false)).isEmpty();
    assertThat(d.list()).singleElement().hasToString("deep.yml:1:1: YAML is nested deeper than 50 levels");
  }

  @Test
  void read_latin1Bytes_areReportedAsNotUtf8(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yml");
    Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
    Diagnostics d = new Diagnostics("latin1.yml");

    assertThat(SafeYaml.read(file, d, false)).isEmpty();
    assertThat(d.list()).singleElement().hasToString("latin1.yml:1:1: file is not UTF-8 text; save it as UTF-8");
  }

  @Test
  void emit_keepsCommentsAndDoesNotLeaveTrailingSpacesOnBlankLines() {
    String text = "# head\na:\n  b: 1\n\n  # about c\n  c: [x, y]\n";
    Node node = SafeYaml.parse(text, new Diagnostics("t.yml"), true).orElseThrow();

    String emitted = SafeYaml.emit(node);

    assertThat(emitted).isEqualTo("# head\na:\n  b: 1\n\n  # about c\n  c: [x, y]\n");
  }

  @Test
  void emit_blockScalars_keepTheirExactValue() {
    for (String text : List.of("a: |\n  line one\n    \n  line three\n", "a: |\n  one\n\n    indented\n", "a: >\n  folded\n  text\n")) {
      Node node = SafeYaml.parse(text, new Diagnostics("t.yml"), true).orElseThrow();

      Node again = SafeYaml.parse(SafeYaml.emit(node), new Diagnostics("t.yml"), true).orElseThrow();

      assertThat(value(again)).as(text).isEqualTo(value(node));
    }
  }

  private static String value(Node root) {
    return ((ScalarNode) ((MappingNode) root).getValue().get(0).getValueNode()).getValue();
  }
}
