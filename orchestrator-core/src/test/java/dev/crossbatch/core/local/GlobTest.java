package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvSource({
    "'**/*',        a,                true",
    "'**/*',        a/b/c,            true",
    "*,             a,                true",
    "*,             a/b,              false",
    "dist/*,        dist/x,           true",
    "dist/*,        dist/y/z,         false",
    "dist/**/*,     dist/x,           true",
    "dist/**/*,     dist/y/z,         true",
    "dist/**/*,     other/x,          false",
    "dist/hello,    dist/hello,       true",
    "dist/hello,    dist/hello.exe,   false",
    "dist,          dist/a/b,         true",
    "dist/,         dist/a,           true",
    "dist*,         dist2/a,          false",
    "*.go,          main.go,          true",
    "*.go,          cmd/x.go,         false",
    "'**/*.go',     cmd/x.go,         true",
    "'**/*.go',     main.go,          true",
    "a?c,           abc,              true",
    "a?c,           a/c,              false",
    "./dist/hello,  dist/hello,       true",
    "'**',          x/y/z,            true",
    "build/libs/*.jar, build/libs/app.jar, true",
    "build/libs/*.jar, build/libs/app.jar.sha1, false"
  })
  void selects_followsCodeBuildSemantics(String pattern, String path, boolean expected) {
    assertThat(Glob.compile(pattern).selects(path)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"../x, true", "/etc/passwd, true", "a/../../b, true", "a/.., true", "a/b, false", "'**/*', false", "..hidden, false"})
  void escapes_refusesPathsOutsideTheSource(String pattern, boolean expected) {
    assertThat(Glob.escapes(pattern)).isEqualTo(expected);
  }
}
