package dev.crossbatch.cli.render;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.Watch;
import java.util.function.Consumer;

/**
 * What a user sees while a batch is followed: each look in the view, and a word when the backend
 * has not answered for a minute (in the view, or on stderr when the view shows nothing).
 */
public final class Following implements Watch.Listener, AutoCloseable {
  private final BatchView view;
  private final StallNotice stall;

  /** @param say where the stall notice goes when the view shows nothing (--quiet, --output json) */
  public Following(BatchView view, String backend, boolean viewShows, Consumer<String> say) {
    this.view = view;
    this.stall = new StallNotice(backend, StallNotice.AFTER, viewShows ? view::notice : say);
  }

  @Override
  public void snapshot(BatchSnapshot snapshot) {
    view.update(snapshot);
  }

  @Override
  public void answered() {
    stall.answered();
  }

  /** Ends the following: no more notices, and the view's last frame drawn. */
  @Override
  public void close() {
    stall.close();
    view.close();
  }
}
