package dev.crossbatch.core.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.Nodes;
import dev.crossbatch.core.yaml.SafeYaml;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;

class PresetRendererTest {

  private static String render(String preset, Map<String, Object> values, Diagnostics d) {
    MappingNode root = (MappingNode) SafeYaml.parse(preset, d, true).orElseThrow();
    Presets.render(root, values, d);
    return SafeYaml.emit(root);
  }

  @Test
  void render_exactTokens_becomeTypedNodes_andListsAreSplicedIntoLists() {
    Map<String, Object> values = new HashMap<>();
    values.put("max", 7);
    values.put("go", "1.20");
    values.put("commands", List.of("make", "make test"));
    values.put("batch", Nodes.bool(true));

    String out = render("a: \"{{max}}\"\ngo: \"{{go}}\"\ncmds:\n  - echo start\n  - \"{{commands}}\"\n  - echo end\nb: \"{{batch}}\"\n", values, new Diagnostics("p"));

    assertThat(out).isEqualTo("a: 7\ngo: \"1.20\"\ncmds:\n  - echo start\n  - make\n  - make test\n  - echo end\nb: true\n");
  }

  @Test
  void render_absentValue_removesTheLineHoldingIt() {
    Map<String, Object> values = new HashMap<>();
    values.put("bucket", null);
    values.put("name", "hello");

    String out = render("Bucket:\n  Name: \"{{bucket}}\"\n  Tag: \"{{name}}\"\nList:\n  - \"{{bucket}}\"\n  - keep\n", values, new Diagnostics("p"));

    assertThat(out).isEqualTo("Bucket:\n  Tag: hello\nList:\n  - keep\n");
  }

  @Test
  void render_tokenInsideTaggedString_keepsTheTag_andAnEmptyValueTakesItsSpace() {
    Map<String, Object> values = new HashMap<>();
    values.put("project", "demo");
    values.put("flags", "");

    String out = render("arn: !Sub arn:${AWS::Partition}:codebuild:project/{{project}}\ncmd: go build {{flags}} -o x\n", values, new Diagnostics("p"));

    assertThat(out).isEqualTo("arn: !Sub 'arn:${AWS::Partition}:codebuild:project/demo'\ncmd: go build -o x\n");
  }

  @Test
  void render_unknownToken_isReportedAtItsLocationWithASuggestion() {
    Diagnostics d = new Diagnostics("my-preset.yml");

    render("version: 0.2\nphases:\n  build:\n    commands:\n      - go build -o {{nmae}}\n", Map.of("name", "hello"), d);

    assertThat(d.list()).singleElement().hasToString("my-preset.yml:5:9: unknown preset token '{{nmae}}'; did you mean '{{name}}'?");
  }
}
