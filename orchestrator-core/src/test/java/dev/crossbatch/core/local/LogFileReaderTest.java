package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.batch.LogChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileReaderTest {
  @TempDir Path dir;

  @Test
  void read_whileTheBuildRuns_keepsAHalfWrittenLineForLater() throws Exception {
    Path log = dir.resolve("b.log");
    Files.writeString(log, "one\ntwo\nthr");

    LogChunk first = LogFileReader.read(log, null, false);
    Files.writeString(log, "ee\nfour\n", StandardOpenOption.APPEND);
    LogChunk second = LogFileReader.read(log, first.cursor(), false);
    LogChunk third = LogFileReader.read(log, second.cursor(), false);

    assertThat(first.lines()).containsExactly("one", "two");
    assertThat(first.caughtUp()).isTrue();
    assertThat(second.lines()).containsExactly("three", "four");
    assertThat(third.lines()).isEmpty();
    assertThat(third.cursor()).isEqualTo(second.cursor());
  }

  @Test
  void read_afterTheBuildEnded_givesTheLastLineWithoutANewline() throws Exception {
    Path log = dir.resolve("b.log");
    Files.writeString(log, "one\nlast");

    assertThat(LogFileReader.read(log, null, true).lines()).containsExactly("one", "last");
  }

  @Test
  void read_ofAHugeLog_comesInChunks_neverWholeInMemory() throws Exception {
    Path log = dir.resolve("big.log");
    String line = "x".repeat(99) + "\n";
    int count = (LogFileReader.CHUNK / line.length()) * 3;
    Files.writeString(log, line.repeat(count), StandardCharsets.UTF_8);

    int lines = 0;
    int reads = 0;
    String cursor = null;
    LogChunk chunk;
    do {
      chunk = LogFileReader.read(log, cursor, true);
      lines += chunk.lines().size();
      cursor = chunk.cursor();
      reads++;
    } while (!chunk.caughtUp());

    assertThat(lines).isEqualTo(count);
    assertThat(reads).isBetween(3, 4);
  }

  @Test
  void read_ofALogNotWrittenYet_isEmptyAndCaughtUp() {
    LogChunk chunk = LogFileReader.read(dir.resolve("missing.log"), null, false);

    assertThat(chunk.lines()).isEmpty();
    assertThat(chunk.caughtUp()).isTrue();
  }
}
