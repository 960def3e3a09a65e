package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.LogChunk;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a local build's log file from a byte offset: whole lines only while the build may still
 * write the rest of one, at most {@link #CHUNK} bytes per read so a huge log never sits in memory.
 */
final class LogFileReader {
  static final int CHUNK = 1 << 20;

  private LogFileReader() {}

  /**
   * @param cursor the byte offset to read from (null: 0)
   * @param ended whether the build has ended: a last line without a newline is then complete
   */
  static LogChunk read(Path file, String cursor, boolean ended) {
    long from = cursor == null ? 0 : Long.parseLong(cursor);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(0, size - from)));
      while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
        // read until full: FileChannel may return fewer bytes than asked
      }
      byte[] bytes = buffer.array();
      int length = buffer.position();
      boolean toEnd = from + length >= size;
      int usable = length;
      if (!(toEnd && ended)) {
        usable = lastNewline(bytes, length) + 1;
        if (usable == 0 && length == CHUNK) {
          usable = length; // a line longer than a chunk is passed on in pieces
        }
      }
      List<String> lines = new ArrayList<>();
      new String(bytes, 0, usable, StandardCharsets.UTF_8).lines().forEach(lines::add);
      long next = from + usable;
      return new LogChunk(lines, Long.toString(next), toEnd);
    } catch (NoSuchFileException e) {
      return new LogChunk(List.of(), cursor, true);
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.INTERNAL, "cannot read the log " + file + ": " + e.getMessage(), null, e);
    }
  }

  private static int lastNewline(byte[] bytes, int length) {
    for (int i = length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
