package dev.crossbatch.core.release;

import dev.crossbatch.core.io.OnOwnThread;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The versions a manifest records of the tools that made a release. */
public final class ToolVersions {
  private ToolVersions() {}

  /** crossbatch, Java, and the git and go found on the PATH (each left out when it cannot be run). */
  public static Map<String, String> local(String crossbatch) {
    Map<String, String> tools = new LinkedHashMap<>();
    tools.put("crossbatch", crossbatch);
    tools.put("java", Runtime.version().toString());
    version("git", "--version").ifPresent(v -> tools.put("git", v.replaceFirst("^git version ", "")));
    version("go", "version").ifPresent(v -> tools.put("go", v.replaceFirst("^go version ", "")));
    return tools;
  }

  /**
   * {@link #local}, asked on another thread from now on: a release reads it for its manifest after
   * the batch, so the two processes need not delay the batch's start. Reading the map waits for them.
   */
  public static Map<String, String> localAsked(String crossbatch) {
    CompletableFuture<Map<String, String>> asked = OnOwnThread.ask("tool-versions", () -> local(crossbatch));
    return new AbstractMap<>() {
      @Override
      public Set<Entry<String, String>> entrySet() {
        return asked.join().entrySet();
      }
    };
  }

  /** crossbatch and the CodeBuild image the builds ran in. */
  public static Map<String, String> codebuild(String crossbatch, String image) {
    Map<String, String> tools = new LinkedHashMap<>();
    tools.put("crossbatch", crossbatch);
    tools.put("codebuild-image", image);
    return tools;
  }

  /** What a tool prints about itself ({@code git --version}), or empty when it cannot be run: for manifests and doctor. */
  public static Optional<String> version(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
