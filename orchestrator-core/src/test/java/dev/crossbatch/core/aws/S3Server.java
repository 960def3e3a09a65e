package dev.crossbatch.core.aws;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-protocol server in this JVM on loopback (S3Proxy over an in-memory store), checking
 * SigV4 signatures with the credentials of {@link FakeCredentials}.
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

  public static S3Server start() throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential").build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).ignoreUnknownHeaders(true).build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    S3Client admin = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
        .region(Region.US_EAST_1).forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build();
    return new S3Server(proxy, context, admin);
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

  @Override
  public void close() throws Exception {
    admin.close();
    proxy.stop();
    context.close();
  }
}
