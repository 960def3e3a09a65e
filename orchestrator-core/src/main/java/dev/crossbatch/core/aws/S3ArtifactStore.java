package dev.crossbatch.core.aws;

import dev.crossbatch.core.artifact.ArtifactStore;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.artifact.StoredObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Artifacts in an S3 bucket under a prefix: ListObjectsV2 page by page, GetObject pinned to the
 * listed version with If-Match (and a Range to resume), PutObject for what --publish uploads.
 */
public final class S3ArtifactStore implements ArtifactStore {
  private final AwsClients clients;
  private final String bucket;
  private final String prefix;

  /** @param prefix "" for the whole bucket; a trailing '/' is added when missing */
  public S3ArtifactStore(AwsClients clients, String bucket, String prefix) {
    this.clients = clients;
    this.bucket = bucket;
    this.prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix) : prefix + "/";
  }

  @Override
  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  @Override
  public List<StoredObject> list() {
    ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix.isEmpty() ? null : prefix).build();
    return call("ListObjectsV2", () -> {
      List<StoredObject> objects = new ArrayList<>();
      for (S3Object o : clients.s3().listObjectsV2Paginator(request).contents()) {
        if (!o.key().endsWith("/")) {
          objects.add(new StoredObject(o.key().substring(prefix.length()), o.size(), o.lastModified(), o.eTag()));
        }
      }
      return objects;
    });
  }

  /** HeadObject: a missing key is empty (S3 answers a HEAD with 404 and no error code). */
  @Override
  public Optional<StoredObject> find(String path) {
    try {
      HeadObjectResponse head = clients.s3().headObject(h -> h.bucket(bucket).key(prefix + path));
      return Optional.of(new StoredObject(path, head.contentLength(), head.lastModified(), head.eTag()));
    } catch (SdkException e) {
      if (e instanceof AwsServiceException s && s.statusCode() == 404) {
        return Optional.empty();
      }
      throw AwsErrors.translate(e, context("HeadObject"));
    }
  }

  @Override
  public InputStream open(StoredObject object, long offset) throws IOException {
    GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(prefix + object.path()).ifMatch(object.etag());
    if (offset > 0) {
      get.range("bytes=" + offset + "-");
    } else {
      get.checksumMode(ChecksumMode.ENABLED); // S3 checks its own checksum of the whole object, when it has one
    }
    try {
      return new SdkErrorsAsIo(clients.s3().getObject(get.build()), object.path());
    } catch (SdkException e) {
      throw failure(e, "GetObject", object.path());
    }
  }

  /**
   * S3's own SHA-256 of the whole object, when it was uploaded with one (as --publish does); empty
   * for objects without (CodeBuild's uploads carry none).
   */
  @Override
  public Optional<String> sha256(StoredObject object) {
    HeadObjectResponse head = call("HeadObject", () -> clients.s3().headObject(h -> h.bucket(bucket).key(prefix + object.path()).checksumMode(ChecksumMode.ENABLED)));
    if (head.checksumSHA256() == null || head.checksumType() != null && head.checksumType() != ChecksumType.FULL_OBJECT) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().formatHex(Base64.getDecoder().decode(head.checksumSHA256())));
  }

  @Override
  public void put(String path, byte[] content, String contentType) {
    String sha256 = Base64.getEncoder().encodeToString(Checksums.sha256(content));
    call("PutObject", () -> clients.s3().putObject(p -> p.bucket(bucket).key(prefix + path).contentType(contentType)
        .checksumSHA256(sha256), RequestBody.fromBytes(content)));
  }

  private IOException failure(SdkException e, String operation, String path) {
    if (e instanceof AwsServiceException s && (s.statusCode() == 412 || s.statusCode() == 404)) {
      return new ChangedException("s3://" + bucket + "/" + prefix + path + (s.statusCode() == 404 ? " was removed" : " was replaced") + " since it was listed");
    }
    if (AwsErrors.transientFailure(e)) {
      return new IOException(AwsErrors.translate(e, context(operation)).getMessage(), e);
    }
    throw AwsErrors.translate(e, context(operation));
  }

  private AwsErrors.Context context(String operation) {
    return new AwsErrors.Context("S3", operation, "s3://" + bucket + "/" + prefix, null, clients.endpointFor("s3"));
  }

  private <T> T call(String operation, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, context(operation)); // the SDK has already retried what may pass
    }
  }

  /**
   * The SDK reports a checksum mismatch or a dropped connection mid-body unchecked: a mismatch
   * becomes a {@link DamagedException} (nothing read may be kept), anything else an IOException to
   * retry.
   */
  private static final class SdkErrorsAsIo extends FilterInputStream {
    private final String path;

    SdkErrorsAsIo(InputStream in, String path) {
      super(in);
      this.path = path;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (SdkException e) {
        throw translate(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (SdkException e) {
        throw translate(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } catch (SdkException e) {
        throw translate(e);
      }
    }

    private IOException translate(SdkException e) {
      return checksumMismatch(e) ? new DamagedException(path + ": S3's checksum of the object does not match the bytes received", e)
          : new IOException(path + ": " + e.getMessage(), e);
    }
  }

  /** The SDK's checksum validation failed: "Data read has a different checksum than expected", or the legacy CRC32 check. */
  static boolean checksumMismatch(SdkException e) {
    return e instanceof software.amazon.awssdk.core.exception.Crc32MismatchException
        || e.getMessage() != null && e.getMessage().contains("different checksum than expected");
  }
}
