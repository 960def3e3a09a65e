package dev.crossbatch.core.config;

import dev.crossbatch.core.text.PlaceholderTemplate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One binary of a release: built by {@code go build} from {@code main} into each platform's archive.
 *
 * @param binary the file name inside the archive ({@code .exe} added on windows)
 * @param env variables set for this binary's {@code go build} only, over the top-level env
 */
public record GoBuild(String binary, String main, PlaceholderTemplate ldflags, List<String> flags, Map<String, String> env) {
  public GoBuild {
    flags = List.copyOf(flags);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }
}
