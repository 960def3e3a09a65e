package dev.crossbatch.core.batch;

import dev.crossbatch.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/** The id of the batch started last from a folder, kept in one file so that any later command finds it. */
public record BatchMemory(Path file) {
  public void remember(String batchId) {
    AtomicFiles.write(file, batchId + "\n");
  }

  public Optional<String> last() {
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()).filter(s -> !s.isEmpty()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** When the batch was remembered: to tell which of two backends started one last. */
  public Optional<FileTime> since() {
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.getLastModifiedTime(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
