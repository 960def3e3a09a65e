package dev.crossbatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommitTest {
  @Test
  void abbrev_isTheFirstSevenCharacters() {
    assertThat(new Commit("3f9c2e1a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e").abbrev()).isEqualTo("3f9c2e1");
    assertThat(new Commit("3f9c2e1").abbrev()).isEqualTo("3f9c2e1");
  }

  @Test
  void abbreviate_keepsRefsAndShortTextWhole_andNullIsEmpty() {
    assertThat(Commit.abbreviate("3f9c2e1a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e")).isEqualTo("3f9c2e1");
    assertThat(Commit.abbreviate("refs/heads/main")).isEqualTo("refs/heads/main");
    assertThat(Commit.abbreviate("v1.2.0-rc.1")).isEqualTo("v1.2.0-rc.1");
    assertThat(Commit.abbreviate("abc")).isEqualTo("abc");
    assertThat(Commit.abbreviate(null)).isEmpty();
  }

  @Test
  void constructor_refusesWhatIsNoCommitId() {
    assertThatThrownBy(() -> new Commit("main")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Commit("3F9C2E1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Commit("3f9c2e")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matches_oneSideAbbreviated() {
    Commit full = new Commit("3f9c2e1a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e");
    assertThat(full.matches("3f9c2e1")).isTrue();
    assertThat(new Commit("3f9c2e1").matches(full.sha())).isTrue();
    assertThat(full.matches("3f9c2e2")).isFalse();
  }
}
