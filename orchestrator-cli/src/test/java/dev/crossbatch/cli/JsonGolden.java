package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Golden JSON documents under src/test/resources/golden/json: the output of a command with what
 * varies from run to run (times, commits, checksums, ids, the test's folder) replaced by
 * placeholders. {@code -Dgolden.update=true} rewrites them.
 */
final class JsonGolden {
  static final Path GOLDEN = Path.of("src/test/resources/golden/json");

  private JsonGolden() {}

  /** The normalized output when it differs from the golden document {@code name}, else empty. */
  static Optional<String> compare(String name, String output, Path dir, String sha7) {
    String actual = normalize(output, dir, sha7);
    Path golden = GOLDEN.resolve(name + ".json");
    if (Golden.updating()) {
      Golden.write(golden, actual);
      return Optional.empty();
    }
    return actual.equals(Golden.read(golden)) ? Optional.empty() : Optional.of(name + ":\n" + actual);
  }

  static void assertMatches(String name, String output, Path dir, String sha7) {
    assertThat(compare(name, output, dir, sha7)).isEmpty();
  }

  static String normalize(String json, Path dir, String sha7) {
    String real;
    try {
      real = dir.toRealPath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json
        .replace(real, "<dir>")
        .replace(dir.toString(), "<dir>")
        .replaceAll("\\b[0-9a-f]{64}\\b", "<sha256>")
        .replaceAll("\\b[0-9a-f]{40}\\b", "<commit>")
        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
        .replaceAll("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?", "<logtime>")
        .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>")
        .replace(sha7, "<commit7>");
  }
}
