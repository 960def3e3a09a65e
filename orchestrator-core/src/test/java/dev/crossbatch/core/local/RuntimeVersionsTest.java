package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RuntimeVersionsTest {
  final RuntimeVersions versions = new RuntimeVersions();

  @Test
  void aBuildAskingWhileAnotherAsks_waitsForThatAnswer_andAsksNothing() throws Exception {
    CountDownLatch asking = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    AtomicInteger asked = new AtomicInteger();
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> versions.of("golang\n/usr/bin/go", () -> {
      asked.incrementAndGet();
      asking.countDown();
      await(answer);
      return "go version go1.22.5 linux/amd64\n";
    }));
    assertThat(asking.await(1, TimeUnit.MINUTES)).isTrue();
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> versions.of("golang\n/usr/bin/go", () -> {
      asked.incrementAndGet();
      return "a second answer";
    }));
    answer.countDown();

    assertThat(second.get(1, TimeUnit.MINUTES)).isEqualTo("go version go1.22.5 linux/amd64\n");
    assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo("go version go1.22.5 linux/amd64\n");
    assertThat(asked).hasValue(1);
  }

  @Test
  void anEmptyAnswer_isNotKept_andAnotherToolIsAskedOfItsOwn() {
    assertThat(versions.of("golang\n/usr/bin/go", () -> "")).isEmpty();
    assertThat(versions.of("golang\n/usr/bin/go", () -> "go version go1.22.5 linux/amd64")).isEqualTo("go version go1.22.5 linux/amd64");
    assertThat(versions.of("golang\n/usr/bin/go", () -> "asked again")).isEqualTo("go version go1.22.5 linux/amd64");
    assertThat(versions.of("golang\n/usr/local/go/bin/go", () -> "go version go1.23.0 linux/amd64")).isEqualTo("go version go1.23.0 linux/amd64");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
