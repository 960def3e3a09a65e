package dev.crossbatch.core.io;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Work started on a daemon thread of its own, for an answer read later: mostly another process's
 * output, whose wait would hold up whatever comes next. Not the common pool, whose one thread on a
 * 2-core machine would run such waits one after another.
 */
public final class OnOwnThread {
  private OnOwnThread() {}

  /** {@code work} started now on a thread named {@code name}. */
  public static <T> CompletableFuture<T> ask(String name, Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** What {@code asked} gave, or what it threw as it threw it. */
  public static <T> T answer(CompletableFuture<T> asked) {
    try {
      return asked.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException thrown ? thrown : e;
    }
  }
}
