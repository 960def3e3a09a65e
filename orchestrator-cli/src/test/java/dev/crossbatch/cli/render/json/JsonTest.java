package dev.crossbatch.cli.render.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void write_printsPlainDataExactlyAsAnIndentingObjectMapper() throws Exception {
    Map<String, Object> build = new LinkedHashMap<>();
    build.put("identifier", "linux_amd64");
    build.put("attempt", 2);
    build.put("size", 549555L);
    build.put("ratio", 0.5);
    build.put("ignoreFailure", false);
    build.put("dependsOn", List.of());
    build.put("artifact", null);
    build.put("quote", "a \"b\"\n\u00e9");
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("batch", "hello-release:1");
    batch.put("builds", List.of(build, Map.of("identifier", "darwin_arm64")));
    batch.put("tags", Arrays.asList("a", null, "c"));

    assertThat(Json.write(batch)).isEqualTo(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(batch));
  }

  @Test
  void write_refusesWhatIsNotPlainData() {
    assertThatThrownBy(() -> Json.write(Map.of("at", Instant.EPOCH))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not plain JSON data: java.time.Instant");
  }

  record Inner(String a, int b) {}

  record Outer(@Inline Inner inner, String c, @OmitWhenNull String gone, @OmitWhenNull String kept, String nothing) {}

  @Test
  void write_recordsInDeclarationOrder_inlined_andOmittedWhenAsked() {
    assertThat(Json.write(new Outer(new Inner("x", 2), "y", null, "z", null)))
        .isEqualTo("{\n  \"a\" : \"x\",\n  \"b\" : 2,\n  \"c\" : \"y\",\n  \"kept\" : \"z\",\n  \"nothing\" : null\n}");
  }
}
