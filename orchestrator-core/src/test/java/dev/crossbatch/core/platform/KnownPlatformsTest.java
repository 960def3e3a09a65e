package dev.crossbatch.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.platform.KnownPlatforms.UnknownPlatformException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnownPlatformsTest {

  @Test
  void all_holdsGo123sPairs_withTheEightFirstClassPortsMarked() {
    assertThat(KnownPlatforms.all()).hasSize(49);
    assertThat(KnownPlatforms.all().stream().filter(KnownPlatforms.Entry::firstClass).map(e -> e.platform().toString()))
        .containsExactly("darwin/amd64", "darwin/arm64", "linux/386", "linux/amd64", "linux/arm", "linux/arm64", "windows/386", "windows/amd64");
  }

  @Test
  void parse_variant_setsTheGoVariableTheWayGoSpellsIt() throws Exception {
    assertThat(KnownPlatforms.parse("linux/arm/v7").goEnv()).isEqualTo(Map.of("GOOS", "linux", "GOARCH", "arm", "GOARM", "7"));
    assertThat(KnownPlatforms.parse("linux/amd64/v3").goEnv()).containsEntry("GOAMD64", "v3");
    assertThat(KnownPlatforms.parse("linux/386/softfloat").identifier()).isEqualTo("linux_386_softfloat");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "linux/amd46        | unknown platform 'linux/amd46'; did you mean 'linux/amd64'? ('crossbatch platforms' lists them all)",
    "darwin/x86_64      | unknown platform 'darwin/x86_64'; did you mean 'darwin/amd64'? (Go's names)",
    "macos/arm64        | unknown platform 'macos/arm64'; did you mean 'darwin/arm64'? (Go's names)",
    "linux/aarch64      | unknown platform 'linux/aarch64'; did you mean 'linux/arm64'? (Go's names)",
    "linux_amd64        | 'linux_amd64' is not a platform; write it as os/arch in lower case, e.g. 'linux/amd64'",
    "Linux/AMD64        | 'Linux/AMD64' is not a platform; write it as os/arch in lower case, e.g. 'linux/amd64'",
    "linux/amd64;rm -rf | 'linux/amd64;rm -rf' is not a platform; write it as os/arch in lower case, e.g. 'linux/amd64'",
    "linux/arm/v8       | unknown GOARM variant 'v8' for arm; valid: v5, v6, v7",
    "darwin/arm64/v8    | 'arm64' has no variants; write 'darwin/arm64'",
    "plan9/arm64        | unknown platform 'plan9/arm64'; did you mean 'plan9/amd64'? ('crossbatch platforms' lists them all)",
    "linux/amd64/v3/x   | 'linux/amd64/v3/x' is not a platform; write it as os/arch in lower case, e.g. 'linux/amd64'"
  })
  void parse_badPlatform_saysWhatIsWrongAndSuggestsTheClosest(String text, String message) {
    assertThatThrownBy(() -> KnownPlatforms.parse(text)).isInstanceOf(UnknownPlatformException.class).hasMessage(message);
  }

  @Test
  void parse_everyKnownPairAndVariant_roundTripsThroughItsString() throws UnknownPlatformException {
    for (Platform p : AllPlatforms.withVariants()) {
      assertThat(KnownPlatforms.parse(p.toString())).isEqualTo(p);
    }
  }
}
