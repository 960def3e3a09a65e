package dev.crossbatch.core.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where per-platform zips are kept: the local store (dist/) or an S3 bucket under a prefix. Both
 * keep the same key layout, so one listing and one downloader serve both.
 */
public interface ArtifactStore {
  /** Where the store is, for messages: {@code s3://bucket/prefix/} or a folder. */
  String location();

  /** Every object under the store's root, whatever folders it sits in. */
  List<StoredObject> list();

  /** The object at {@code path} (relative to the root), or empty when there is none. */
  Optional<StoredObject> find(String path);

  /**
   * Reads {@code object} from byte {@code offset} on, only while it is still the version listed.
   *
   * @throws ChangedException when the object was replaced or removed since it was listed
   * @throws DamagedException (while reading) when the bytes fail the store's own integrity check
   * @throws IOException when the read breaks (a reset, a timeout): another attempt may pass
   */
  InputStream open(StoredObject object, long offset) throws IOException;

  /** The store's own SHA-256 of the whole object, when it keeps one. */
  default Optional<String> sha256(StoredObject object) {
    return Optional.empty();
  }

  /** Writes a small file (SHA256SUMS, manifest.json) under {@code path}, relative to the root. */
  void put(String path, byte[] content, String contentType);

  /** The object is no longer the version that was listed: start over from a new listing. */
  final class ChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    public ChangedException(String message) {
      super(message);
    }
  }

  /** The bytes read fail the store's own check of the object (S3's checksum): none of them may be kept. */
  final class DamagedException extends IOException {
    private static final long serialVersionUID = 1L;

    public DamagedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
