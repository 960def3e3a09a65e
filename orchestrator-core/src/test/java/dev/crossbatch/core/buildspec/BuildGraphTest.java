package dev.crossbatch.core.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildGraphTest {
  @Test
  void cycle_isReportedInDependencyOrder_firstNodeRepeated() {
    Map<String, List<String>> edges = Map.of("test", List.of("linux"), "linux", List.of("darwin"), "darwin", List.of("test"));
    assertThat(BuildGraph.cycle(List.of("test", "linux", "darwin"), edges)).contains(List.of("test", "linux", "darwin", "test"));
  }

  @Test
  void aDiamond_isNoCycle_andASelfLoopIs() {
    Map<String, List<String>> diamond = Map.of("a", List.of("b", "c"), "b", List.of("d"), "c", List.of("d"));
    assertThat(BuildGraph.cycle(List.of("a", "b", "c", "d"), diamond)).isEmpty();
    assertThat(BuildGraph.cycle(List.of("a"), Map.of("a", List.of("a")))).contains(List.of("a", "a"));
  }

  @Test
  void aCycleNotReachableFromTheFirstNode_isStillFound() {
    Map<String, List<String>> edges = Map.of("x", List.of(), "b", List.of("c"), "c", List.of("b"));
    assertThat(BuildGraph.cycle(List.of("x", "b", "c"), edges)).contains(List.of("b", "c", "b"));
  }
}
