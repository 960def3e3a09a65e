package dev.crossbatch.core.batch;

import java.util.List;

/**
 * Lines of a build's log read in one go, where to read on from, and whether that reached the end
 * of what has been written so far (a running build writes more later).
 */
public record LogChunk(List<String> lines, String cursor, boolean caughtUp) {
  public LogChunk {
    lines = List.copyOf(lines);
  }
}
