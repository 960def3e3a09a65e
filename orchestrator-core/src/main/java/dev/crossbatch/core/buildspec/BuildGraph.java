package dev.crossbatch.core.buildspec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A build-graph's depend-on edges as a graph: the one place that searches it for a cycle. */
final class BuildGraph {
  private static final int ON_PATH = 1;
  private static final int DONE = 2;

  private BuildGraph() {}

  /**
   * The first cycle found, starting from the nodes in {@code order}: its nodes in dependency order,
   * the first repeated at the end ({@code a -> b -> a}); empty when there is none.
   *
   * @param edges each node's dependencies; nodes without an entry have none
   */
  static Optional<List<String>> cycle(Collection<String> order, Map<String, List<String>> edges) {
    Map<String, Integer> state = new HashMap<>();
    for (String id : order) {
      List<String> cycle = search(id, edges, state, new ArrayList<>());
      if (cycle != null) {
        return Optional.of(cycle);
      }
    }
    return Optional.empty();
  }

  /** Depth-first: a node met again while on the current path closes a cycle. */
  private static List<String> search(String id, Map<String, List<String>> edges, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(id);
    if (s != null && s == DONE) {
      return null;
    }
    if (s != null && s == ON_PATH) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      return cycle;
    }
    state.put(id, ON_PATH);
    path.add(id);
    for (String next : edges.getOrDefault(id, List.of())) {
      List<String> cycle = search(next, edges, state, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(id, DONE);
    return null;
  }
}
