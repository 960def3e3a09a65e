package dev.crossbatch.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.error.CrossbatchException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OnOwnThreadTest {
  @Test
  void work_runsOnADaemonThreadOfItsOwn_whileTheCallerGoesOn() throws Exception {
    CountDownLatch callerWentOn = new CountDownLatch(1);
    CompletableFuture<String> asked = OnOwnThread.ask("git-describe", () -> {
      try {
        // the caller counts down after ask returned: ask did not wait for the work
        assertThat(callerWentOn.await(1, TimeUnit.MINUTES)).isTrue();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      return Thread.currentThread().getName() + " " + Thread.currentThread().isDaemon();
    });
    callerWentOn.countDown();

    assertThat(OnOwnThread.answer(asked)).isEqualTo("git-describe true");
  }

  @Test
  void whatTheWorkThrew_isThrownAsItWas() {
    CompletableFuture<String> asked = OnOwnThread.ask("git-describe", () -> {
      throw CrossbatchException.usage("git describe failed", "fix the repository");
    });

    assertThatThrownBy(() -> OnOwnThread.answer(asked)).isInstanceOf(CrossbatchException.class).hasMessage("git describe failed");
  }
}
