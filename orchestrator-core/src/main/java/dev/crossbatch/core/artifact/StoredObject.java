package dev.crossbatch.core.artifact;

import java.time.Instant;

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
}
