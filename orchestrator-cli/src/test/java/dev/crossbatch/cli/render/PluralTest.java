package dev.crossbatch.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PluralTest {
  @Test
  void oneIsSingular_everyOtherCountPlural() {
    assertEquals("1 build", Plural.of(1, "build"));
    assertEquals("0 builds", Plural.of(0, "build"));
    assertEquals("6 zips", Plural.of(6, "zip"));
  }
}
