package dev.crossbatch.core.local;

import dev.crossbatch.core.batch.BatchMemory;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.SnapshotJson;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.BoundedFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Local batches on disk, under {@code .crossbatch/} next to crossbatch.yml, so that watch, status
 * and stop work from any process:
 *
 * <pre>
 * .crossbatch/last-batch              id of the batch started last from here
 * .crossbatch/build-number            CODEBUILD_BUILD_NUMBER counter
 * .crossbatch/batches/UUID/state.json the batch as it is now (written on every change)
 * .crossbatch/batches/UUID/runner.lock held by the process running it, while it runs it
 * .crossbatch/batches/UUID/runner.pid the process running it: PID and start time
 * .crossbatch/batches/UUID/work/ID    each running build's workspace
 * .crossbatch/batches/UUID/logs/ID.log one log per build
 * .crossbatch/batches/UUID/reports/ID/GROUP/     a build's report files (the buildspec's reports)
 * .crossbatch/batches/UUID/artifacts/primary/ID/ a buildspec of one's own: a build's artifact, files as they are
 * .crossbatch/batches/UUID/artifacts/ART_ID/ID/  a build's secondary artifact ART_ID
 * </pre>
 */
final class StateStore {

  /** A state file is a few kB per build; one this large is not crossbatch's. */
  private static final int MAX_STATE = 16 << 20;

  private final Path root;

  StateStore(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** The folder of a batch: its id is {@code project:uuid}, the folder is named by the uuid. */
  Path batchDir(String batchId) {
    return root.resolve("batches").resolve(batchId.substring(batchId.indexOf(':') + 1));
  }

  /** Writes the snapshot whole (atomic rename); no fsync: it is state for watchers, not a record. */
  void save(BatchSnapshot snapshot) {
    try {
      AtomicFiles.write(batchDir(snapshot.id()).resolve("state.json"), SnapshotJson.write(snapshot), false);
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.INTERNAL, "cannot save the state of " + snapshot.id() + ": " + e.getMessage(), null, e);
    }
  }

  /**
   * Gives the state folder a {@code .gitignore} of {@code *} (as pytest does its cache's), so that
   * a {@code git add -A} in a project whose own .gitignore does not name it leaves its checkouts,
   * caches and logs out. Written once; one a user edited is kept.
   */
  void ignoredByGit() {
    Path ignore = root.resolve(".gitignore");
    if (!Files.exists(ignore)) {
      AtomicFiles.write(ignore, "# crossbatch's state: never committed\n*\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    }
  }

  /** Whether a batch has state here, without reading it. */
  boolean exists(String batchId) {
    return Files.isRegularFile(batchDir(batchId).resolve("state.json"));
  }

  Optional<BatchSnapshot> load(String batchId) {
    return loadFrom(batchDir(batchId));
  }

  /** The state saved in a batch's folder. */
  Optional<BatchSnapshot> loadFrom(Path dir) {
    Path file = dir.resolve("state.json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SnapshotJson.read(BoundedFiles.read(file, MAX_STATE)));
    } catch (IOException e) {
      throw CrossbatchException.usage("cannot read " + file + ": " + e.getMessage(), "the file is written by crossbatch; remove the batch folder if it is damaged");
    }
  }

  /** The batch started last from here. */
  BatchMemory memory() {
    return new BatchMemory(root.resolve("last-batch"));
  }

  /** The batches under this folder, newest first (by when their state last changed). */
  List<BatchSnapshot> recent(int max) {
    Path batches = root.resolve("batches");
    if (!Files.isDirectory(batches)) {
      return List.of();
    }
    List<Path> states;
    try (Stream<Path> dirs = Files.list(batches)) {
      states = dirs.map(d -> d.resolve("state.json")).filter(Files::isRegularFile)
          .sorted(Comparator.comparing(StateStore::modified).reversed()).limit(max).toList();
    } catch (IOException e) {
      throw new CrossbatchException(ErrorKind.INTERNAL, "cannot list " + batches + ": " + e.getMessage(), null, e);
    }
    List<BatchSnapshot> recent = new ArrayList<>();
    for (Path state : states) {
      try {
        recent.add(SnapshotJson.read(BoundedFiles.read(state, MAX_STATE)));
      } catch (IOException e) {
        // a damaged state file hides that batch from the list; status names the problem
      }
    }
    recent.sort(Comparator.comparing((BatchSnapshot b) -> b.start() == null ? Instant.EPOCH : b.start()).reversed());
    return recent;
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /** The next CODEBUILD_BUILD_NUMBER: a counter shared by every process, under a file lock. */
  long nextBuildNumber() {
    try {
      Files.createDirectories(root);
      try (RandomAccessFile file = new RandomAccessFile(root.resolve("build-number").toFile(), "rw");
          FileChannel channel = file.getChannel();
          FileLock lock = channel.lock()) {
        String text = file.length() == 0 ? "0" : file.readLine();
        long next = Long.parseLong(text == null || text.isBlank() ? "0" : text.trim()) + 1;
        file.setLength(0);
        file.seek(0);
        file.writeBytes(next + "\n");
        return next;
      }
    } catch (IOException | NumberFormatException e) {
      throw new CrossbatchException(ErrorKind.INTERNAL, "cannot update " + root.resolve("build-number") + ": " + e.getMessage(), null, e);
    }
  }
}
