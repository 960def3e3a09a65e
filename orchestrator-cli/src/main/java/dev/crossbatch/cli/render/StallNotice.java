package dev.crossbatch.cli.render;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Says so when a service has not answered for a while ("still waiting for CodeBuild (no answer for
 * 60 s)"), again every further {@code after}, so that a stalled endpoint is never silence for
 * minutes. Time is the machine's own (System.nanoTime): a request that hangs does not move a
 * command's clock.
 */
public final class StallNotice implements AutoCloseable {
  public static final Duration AFTER = Duration.ofSeconds(60);

  private final String service;
  private final long afterNanos;
  private final Consumer<String> say;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stall-notice");
    t.setDaemon(true);
    return t;
  });
  private volatile long lastAnswer = System.nanoTime();
  private long told;

  public StallNotice(String service, Duration after, Consumer<String> say) {
    this.service = service;
    this.afterNanos = after.toNanos();
    this.say = say;
    long tick = Math.max(50, after.toMillis() / 4);
    ticker.scheduleAtFixedRate(this::check, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** The service answered (with anything, an error too). */
  public void answered() {
    lastAnswer = System.nanoTime();
    synchronized (this) {
      told = 0;
    }
  }

  private synchronized void check() {
    long silent = System.nanoTime() - lastAnswer;
    long periods = silent / afterNanos;
    if (periods > told) {
      told = periods;
      Duration quiet = Duration.ofNanos(periods * afterNanos);
      say.accept("still waiting for " + service + " (no answer for " + (quiet.toSeconds() >= 1 ? quiet.toSeconds() + " s" : Durations.format(quiet)) + ")");
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
