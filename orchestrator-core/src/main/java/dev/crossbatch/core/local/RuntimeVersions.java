package dev.crossbatch.core.local;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What each runtime's version command printed, asked once per batch rather than once per build:
 * every build of a batch finds the same tool on the same PATH, and each {@code go version} is a
 * process of its own (docs/benchmarks.md). Keyed by the tool the shell finds and what else picks its
 * version; a build that asks while another is asking waits for that answer.
 */
final class RuntimeVersions {
  private final ConcurrentHashMap<String, CompletableFuture<String>> known = new ConcurrentHashMap<>();

  /** The first answer for {@code key} in this batch, else {@code ask}'s; an empty answer is not kept (a stopped build's). */
  String of(String key, Supplier<String> ask) {
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> first = known.putIfAbsent(key, mine);
    if (first != null) {
      String theirs = first.join();
      return theirs.isBlank() ? ask.get() : theirs;
    }
    String answer = "";
    try {
      answer = ask.get();
      return answer;
    } finally {
      if (answer.isBlank()) {
        known.remove(key, mine);
      }
      mine.complete(answer);
    }
  }
}
