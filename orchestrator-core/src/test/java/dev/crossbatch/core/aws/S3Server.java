package dev.crossbatch.core.aws;

import dev.crossbatch.core.testing.Await;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.internal.MutableBlobMetadataImpl;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-protocol server in this JVM on loopback (S3Proxy over an in-memory store), checking
 * SigV4 signatures with the credentials of {@link FakeCredentials}. An object's Last-Modified can
 * be set ({@link #put(String, String, byte[], Instant)}), so tests order commits by time without
 * waiting for the clock (S3 keeps it to the second).
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "AKIDEXAMPLE";
  public static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final S3Client admin;

  private S3Server(S3Proxy proxy, BlobStoreContext context, S3Client admin) {
    this.proxy = proxy;
    this.context = context;
    this.admin = admin;
  }

  /** Last-Modified set by a test, by "bucket/key"; the store's own time for the others. */
  private static final class Times extends ForwardingBlobStore {
    final Map<String, Date> modified = new ConcurrentHashMap<>();

    Times(BlobStore store) {
      super(store);
    }

    private StorageMetadata timed(String container, StorageMetadata m) {
      Date at = modified.get(container + "/" + m.getName());
      if (at == null || !(m instanceof BlobMetadata blob)) {
        return m;
      }
      MutableBlobMetadataImpl copy = new MutableBlobMetadataImpl(blob);
      copy.setLastModified(at);
      return copy;
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
      PageSet<? extends StorageMetadata> page = super.list(container, options);
      return new PageSetImpl<>(page.stream().map(m -> timed(container, m)).toList(), page.getNextMarker());
    }

    @Override
    public BlobMetadata blobMetadata(String container, String name) {
      BlobMetadata m = super.blobMetadata(container, name);
      return m == null ? null : (BlobMetadata) timed(container, m);
    }
  }

  private Times times;

  public static S3Server start() throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential").build(BlobStoreContext.class);
    Times times = new Times(context.getBlobStore());
    S3Proxy proxy = S3Proxy.builder().blobStore(times).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).ignoreUnknownHeaders(true).build();
    proxy.start();
    Await.until("S3Proxy to start", () -> proxy.getState().equals("STARTED"));
    S3Client admin = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
        .region(Region.US_EAST_1).forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build();
    S3Server server = new S3Server(proxy, context, admin);
    server.times = times;
    return server;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public int port() {
    return proxy.getPort();
  }

  /** A client for setting the bucket up, independent of the code under test. */
  public S3Client admin() {
    return admin;
  }

  public void bucket(String name) {
    admin.createBucket(b -> b.bucket(name));
  }

  public void put(String bucket, String key, byte[] content) {
    admin.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(content));
  }

  /** Puts an object that S3 says was last modified at {@code modified} (in listings and HEAD). */
  public void put(String bucket, String key, byte[] content, Instant modified) {
    put(bucket, key, content);
    times.modified.put(bucket + "/" + key, Date.from(modified));
  }

  @Override
  public void close() throws Exception {
    admin.close();
    proxy.stop();
    context.close();
  }
}
