package dev.crossbatch.core.artifact;

import java.time.Instant;
import java.util.Objects;

/**
 * One object of an artifact store.
 *
 * @param path where it is, relative to the store's root, '/'-separated
 * @param etag the version of the object's content, to resume a download of exactly that version
 *     (S3's ETag; size and time for a local file)
 */
public record StoredObject(String path, long size, Instant modified, String etag) {
  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The folder part of the path, "" at the root, else ending in '/'. */
  public String folder() {
    return path.substring(0, path.lastIndexOf('/') + 1);
  }

  // written out: a record's generated equals and hashCode are bootstrapped through invokedynamic on
  // first use, 3 % of a download's main thread as a map key (docs/benchmarks.md)
  @Override
  public boolean equals(Object other) {
    return other instanceof StoredObject o && path.equals(o.path) && size == o.size && Objects.equals(modified, o.modified)
        && Objects.equals(etag, o.etag);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, size, modified, etag);
  }
}
