package dev.crossbatch.core.aws;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.xml.stream.XMLInputFactory;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.codebuild.model.BatchGetBuildsResponse;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.utils.DateUtils;

/**
 * One-off costs of a short run's first AWS request, paid on the other core while this one builds the
 * HTTP client (measured in docs/benchmarks.md, "Second profiles" and "Third profiles"). Each part
 * only loads and initialises what the request will use anyway; nothing it makes is kept.
 */
final class HeadStart {
  private HeadStart() {}

  /** Starts the two threads: the SDK's and Java's own parts, and the first service's answers. */
  static void start(Runnable answers) {
    Thread prefetch = new Thread(() -> {
      // the SDK's metadata of every AWS service, which a client build reads to find the signing region
      ServiceMetadata.of("codebuild");
      signingAlgorithms();
    }, "aws-prefetch");
    prefetch.setDaemon(true);
    prefetch.start();
    Thread models = new Thread(answers, "aws-prefetch-answers");
    models.setDaemon(true);
    models.start();
  }

  /**
   * Java's cryptography providers, found and loaded at the first {@code Mac} and
   * {@code MessageDigest}: SigV4 signs each request with HmacSHA256 over its SHA-256.
   */
  private static void signingAlgorithms() {
    try {
      Mac.getInstance("HmacSHA256");
      MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // every Java has both; the first request would say so if one did not
    }
  }

  /** The model of BatchGetBuilds' answer, the largest shape a status reads. */
  static void codeBuildModels() {
    BatchGetBuildsResponse.builder().builds(Build.builder().build()).build();
  }

  /**
   * The shapes of a download: the listing, and each object's request and answer; Java's XML reader,
   * which the SDK finds through a service lookup, and its date parsing (a listing's dates, each
   * answer's Last-Modified), both first used while the answers are read.
   */
  static void s3Models() {
    ListObjectsV2Request.builder().build();
    ListObjectsV2Response.builder().contents(S3Object.builder().build()).build();
    GetObjectRequest.builder().build();
    GetObjectResponse.builder().build();
    DateUtils.parseRfc822Date("Thu, 01 Jan 2026 00:00:00 GMT");
    DateUtils.parseIso8601Date("2026-01-01T00:00:00.000Z");
    XMLInputFactory.newInstance();
  }
}
