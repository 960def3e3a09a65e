package dev.crossbatch.cli.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.crossbatch.core.artifact.Checksums;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * For the launcher's training run: one release of one zip and its SHA256SUMS in a bucket on
 * loopback, answering ListObjectsV2 and GetObject as S3 does, so that a download's classes (the S3
 * client, its XML answers, the downloader) are in the class-data archive too.
 */
final class WarmUpStore implements AutoCloseable {
  static final String BUCKET = "warm";
  static final String PREFIX = "releases";
  static final String COMMIT = "abcdef1";

  private final Map<String, byte[]> objects = new LinkedHashMap<>();
  private final HttpServer server;

  WarmUpStore() throws IOException {
    byte[] zip = zip();
    String name = "warm_linux_amd64_" + COMMIT + ".zip";
    objects.put(PREFIX + "/" + name, zip);
    objects.put(PREFIX + "/warm_" + COMMIT + "_SHA256SUMS", (Checksums.sha256Hex(zip) + "  " + name + "\n").getBytes(StandardCharsets.US_ASCII));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
    String query = exchange.getRequestURI().getRawQuery();
    if (path.equals("/" + BUCKET) || path.equals("/" + BUCKET + "/")) {
      respond(exchange, 200, "application/xml", listing().getBytes(StandardCharsets.UTF_8));
    } else if (objects.containsKey(path.substring(BUCKET.length() + 2))) {
      byte[] body = objects.get(path.substring(BUCKET.length() + 2));
      exchange.getResponseHeaders().add("ETag", etag(body));
      exchange.getResponseHeaders().add("Last-Modified", "Mon, 30 Nov 2026 12:00:00 GMT");
      respond(exchange, 200, "application/octet-stream", exchange.getRequestMethod().equals("HEAD") ? null : body);
    } else {
      respond(exchange, 404, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>" + path + " "
          + query + "</Message></Error>").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** One answer of a loopback server of the training run; {@code body} null: headers only (HEAD). */
  static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (body != null) {
        out.write(body);
      }
    }
  }

  private String listing() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
        .append("<Name>").append(BUCKET).append("</Name><Prefix>").append(PREFIX).append("/</Prefix><KeyCount>").append(objects.size())
        .append("</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>");
    objects.forEach((key, bytes) -> xml.append("<Contents><Key>").append(key).append("</Key><LastModified>2026-11-30T12:00:00.000Z</LastModified><ETag>")
        .append(etag(bytes).replace("\"", "&quot;")).append("</ETag><Size>").append(bytes.length).append("</Size><StorageClass>STANDARD</StorageClass></Contents>"));
    return xml.append("</ListBucketResult>").toString();
  }

  private static String etag(byte[] bytes) {
    return "\"" + Checksums.sha256Hex(bytes).substring(0, 32) + "\"";
  }

  private static byte[] zip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("warm"));
      zip.write("warm\n".getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
