package dev.crossbatch.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.artifact.Downloader;
import dev.crossbatch.core.artifact.StoredObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DownloadProgressTest {
  private static final long MIB = 1 << 20;
  private static final Downloader.Item ZIP =
      new Downloader.Item(new StoredObject("hello_linux_amd64_3f9c2e1.zip", 4 * MIB, Instant.EPOCH, "\"e\""), "hello_linux_amd64_3f9c2e1.zip", (Downloader.Expected) null);

  @Test
  void bytesOfAnAttemptThatStartsOverOrResumes_areNotCountedTwice() {
    StringWriter out = new StringWriter();
    DownloadProgress progress = new DownloadProgress(new PrintWriter(out), new PrintWriter(new StringWriter()),
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), true);
    progress.planned(java.util.List.of(ZIP));

    progress.started(ZIP, 0);
    progress.progressed(ZIP, 3 * MIB);
    progress.retrying(ZIP, "SHA-256 mismatch");
    progress.started(ZIP, 0); // starts over
    progress.progressed(ZIP, MIB);
    assertThat(progress.status()).contains("0/1 files  1.0 MiB of 4.0 MiB");

    progress.started(ZIP, 2 * MIB); // resumes from a part of 2 MiB
    progress.progressed(ZIP, MIB);
    assertThat(progress.status()).contains("0/1 files  3.0 MiB of 4.0 MiB");
  }
}
