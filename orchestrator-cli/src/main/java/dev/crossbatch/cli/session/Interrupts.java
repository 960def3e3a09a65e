package dev.crossbatch.cli.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM. The JVM turns both into a shutdown; the hook asks whatever runs to stop
 * (a batch stops its builds and their process trees), waits for the command to finish its output,
 * then exits 130. Tests call {@link #interrupt()} themselves instead of sending signals.
 */
public final class Interrupts {
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean interrupted;

  private Interrupts() {}

  /** For the real process: a shutdown hook that stops the running work. */
  public static Interrupts installed() {
    Interrupts interrupts = new Interrupts();
    Runtime.getRuntime().addShutdownHook(new Thread(interrupts::onShutdown, "crossbatch-interrupt"));
    return interrupts;
  }

  /** For tests and embedding: only {@link #interrupt()} interrupts. */
  public static Interrupts manual() {
    return new Interrupts();
  }

  /** What {@link #onInterrupt} returns: closing it removes the action (and throws nothing). */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Runs {@code action} on interrupt until the returned handle is closed. */
  public Registration onInterrupt(Runnable action) {
    actions.add(action);
    if (interrupted) {
      action.run();
    }
    return () -> actions.remove(action);
  }

  public boolean interrupted() {
    return interrupted;
  }

  public void interrupt() {
    interrupted = true;
    actions.forEach(Runnable::run);
  }

  /** The command has finished and printed everything. */
  public void finished() {
    done.countDown();
  }

  private void onShutdown() {
    if (done.getCount() == 0) {
      return; // a normal exit
    }
    interrupt();
    try {
      done.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
  }
}
