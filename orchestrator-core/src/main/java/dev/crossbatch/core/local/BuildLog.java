package dev.crossbatch.core.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One build's log file: the commands' output as they print it, and crossbatch's own lines in the
 * shape CodeBuild writes them ({@code [Container] 2026/11/21 12:00:00.123456 Running command go version}).
 */
final class BuildLog implements AutoCloseable {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private final Path file;
  private final OutputStream out;
  private final Clock clock;

  BuildLog(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
    try {
      Files.createDirectories(file.getParent());
      this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the build log " + file, e);
    }
  }

  Path file() {
    return file;
  }

  /** A line of crossbatch's own, as CodeBuild's agent writes them. */
  synchronized void container(String message) {
    write(("[Container] " + STAMP.format(clock.instant()) + " " + message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Raw output of a command, written as it arrives. */
  synchronized void output(byte[] bytes, int offset, int length) {
    try {
      out.write(bytes, offset, length);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the build log " + file, e);
    }
  }

  /** Bytes written so far: where an attempt's output starts. */
  synchronized long size() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /** What was written after {@code offset}: the output of one phase attempt, for RETRY-regex. */
  synchronized String since(long offset) {
    try (var channel = Files.newByteChannel(file)) {
      channel.position(offset);
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(channel.size() - offset, 1 << 20));
      channel.read(buffer);
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private void write(byte[] bytes) {
    output(bytes, 0, bytes.length);
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
