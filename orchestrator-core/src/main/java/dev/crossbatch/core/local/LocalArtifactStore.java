package dev.crossbatch.core.local;

import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.artifact.StoredObject;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The local backend's store: a folder (dist/ by default) with the bucket's key layout. */
public final class LocalArtifactStore implements ArtifactStore {
  private final Path root;

  public LocalArtifactStore(Path root) {
    this.root = root;
  }

  @Override
  public String location() {
    return root + "/";
  }

  @Override
  public List<StoredObject> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<StoredObject> objects = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.forEach(f -> {
        String path = root.relativize(f).toString().replace('\\', '/');
        if (path.isEmpty() || path.startsWith(".") || path.contains("/.") || path.endsWith(".part")) {
          return; // hidden files and partial downloads are not artifacts
        }
        try {
          BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
          if (a.isRegularFile()) {
            objects.add(new StoredObject(path, a.size(), a.lastModifiedTime().toInstant(), etag(a)));
          }
        } catch (IOException e) {
          // removed while listing: not there
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw CrossbatchException.usage("cannot list " + root + ": " + e.getMessage(), "check that the folder is readable");
    }
    return objects;
  }

  @Override
  public Optional<StoredObject> find(String path) {
    try {
      BasicFileAttributes a = Files.readAttributes(root.resolve(path), BasicFileAttributes.class);
      return a.isRegularFile() ? Optional.of(new StoredObject(path, a.size(), a.lastModifiedTime().toInstant(), etag(a))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String etag(BasicFileAttributes a) {
    return a.size() + "-" + a.lastModifiedTime().toMillis();
  }

  @Override
  public InputStream open(StoredObject object, long offset) throws IOException {
    Path file = root.resolve(object.path());
    try {
      if (!etag(Files.readAttributes(file, BasicFileAttributes.class)).equals(object.etag())) {
        throw new ChangedException(file + " changed since it was listed");
      }
      FileChannel channel = FileChannel.open(file);
      channel.position(offset);
      return Channels.newInputStream(channel);
    } catch (NoSuchFileException e) {
      throw new ChangedException(file + " was removed since it was listed");
    }
  }

  @Override
  public void put(String path, byte[] content, String contentType) {
    AtomicFiles.write(root.resolve(path), content);
  }
}
