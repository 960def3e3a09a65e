package dev.crossbatch.core.aws;

import dev.crossbatch.core.artifact.Checksums;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on loopback in front of an S3 server that misbehaves as networks and servers do,
 * for object GETs whose key contains a given text, a given number of times: flips a byte, cuts the
 * body short and resets the connection, resets before the body, answers 500 or 503, holds the body
 * back for a while or for ever, or slows it down. With {@link #withChecksum} it also plays an S3
 * that keeps a full-object SHA-256 (S3Proxy keeps none): it adds {@code x-amz-checksum-sha256} of
 * the true content to whole-object GETs and HEADs, so the SDK's own check sees what was damaged after it.
 * One request per connection. Records each object GET's Range and If-Match headers.
 */
public final class FaultyProxy implements AutoCloseable {
  /**
   * FLIP one bit of the byte at {@code at}; TRUNCATE the body at {@code at}, then reset (the
   * receiver may lose what it had not read yet); CUT the body at {@code at} and close the connection
   * cleanly (everything sent arrives, short of the length announced); RESET before any body
   * byte; STATUS_500 / STATUS_503 instead of the answer; DELAY the body {@code at} ms; STALL the
   * body until the client gives up; SLOW from byte {@code at} on, about 4 MB/s.
   */
  public enum Fault { NONE, FLIP, TRUNCATE, CUT, RESET, STATUS_500, STATUS_503, DELAY, STALL, SLOW }

  private record Rule(String key, Fault fault, long at, AtomicInteger remaining) {}

  private final ServerSocket server;
  private final int upstream;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<String> gets = new CopyOnWriteArrayList<>();
  private final java.util.Map<String, String> checksums = new java.util.concurrent.ConcurrentHashMap<>();

  public FaultyProxy(int upstreamPort) throws IOException {
    this.upstream = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "faulty-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Replaces every rule with one: damage the next {@code times} GETs of objects whose key contains {@code key}. */
  public void damage(Fault fault, String key, long at, int times) {
    rules.clear();
    rule(fault, key, at, times);
  }

  /** Adds a rule; the first rule that matches a GET and has uses left applies to it. */
  public FaultyProxy rule(Fault fault, String key, long at, int times) {
    rules.add(new Rule(key, fault, at, new AtomicInteger(times)));
    return this;
  }

  /**
   * Plays an S3 that stored the SHA-256 of {@code content} at upload for objects whose key contains
   * {@code key}: whole-object GETs and HEADs with checksum mode answer it.
   */
  public FaultyProxy withChecksum(String key, byte[] content) {
    checksums.put(key, "x-amz-checksum-sha256: " + Base64.getEncoder().encodeToString(Checksums.sha256(content)));
    return this;
  }

  /** As {@link #withChecksum}, with a CRC32 as S3 keeps for what {@code aws s3 cp} uploads: the SDK checks it, but it is no SHA-256. */
  public FaultyProxy withCrc32(String key, byte[] content) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(content);
    byte[] value = java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
    checksums.put(key, "x-amz-checksum-crc32: " + Base64.getEncoder().encodeToString(value));
    return this;
  }

  private String checksumOf(String path) {
    return checksums.entrySet().stream().filter(e -> path.contains(e.getKey())).map(java.util.Map.Entry::getValue).findFirst().orElse(null);
  }

  /** "Range=...; If-Match=..." of each GET so far of an object whose key contains {@code key}. */
  public List<String> objectGets(String key) {
    return gets.stream().filter(g -> g.substring(0, g.indexOf(" ")).contains(key)).map(g -> g.substring(g.indexOf(' ') + 1)).toList();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "faulty-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private Fault take(boolean objectGet, String path) {
    if (!objectGet) {
      return Fault.NONE;
    }
    for (Rule r : rules) {
      if (path.contains(r.key()) && r.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return r.fault();
      }
    }
    return Fault.NONE;
  }

  private long at(Fault fault, String path) {
    return rules.stream().filter(r -> r.fault() == fault && path.contains(r.key())).mapToLong(Rule::at).findFirst().orElse(0);
  }

  private void serve(Socket client) {
    try (client) {
      InputStream fromClient = client.getInputStream();
      String head = readHead(fromClient);
      if (head == null) {
        return;
      }
      StringBuilder forwarded = new StringBuilder();
      long length = 0;
      String range = "";
      String ifMatch = "";
      for (String line : head.split("\r\n")) {
        String lower = line.toLowerCase();
        if (lower.startsWith("connection:")) {
          continue;
        }
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(line.substring(15).trim());
        }
        if (lower.startsWith("range:")) {
          range = line.substring(6).trim();
        }
        if (lower.startsWith("if-match:")) {
          ifMatch = line.substring(9).trim();
        }
        forwarded.append(line).append("\r\n");
      }
      forwarded.append("Connection: close\r\n\r\n");
      String path = head.split(" ")[1];
      boolean objectGet = head.startsWith("GET ") && !path.matches("/[^/?]*/?(\\?.*)?"); // not the bucket itself (listings)
      if (objectGet) {
        gets.add(path + " Range=" + range + "; If-Match=" + ifMatch);
      }
      byte[] requestBody = fromClient.readNBytes((int) length);
      Fault fault = take(objectGet, path);
      long at = at(fault, path);
      OutputStream toClient = client.getOutputStream();
      if (fault == Fault.STATUS_500 || fault == Fault.STATUS_503) {
        int status = fault == Fault.STATUS_500 ? 500 : 503;
        String code = status == 500 ? "InternalError" : "SlowDown";
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>injected</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
        toClient.write(("HTTP/1.1 " + status + " " + (status == 500 ? "Internal Server Error" : "Service Unavailable") + "\r\n"
            + "Content-Type: application/xml\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        toClient.write(body);
        toClient.flush();
        return;
      }
      try (Socket up = new Socket(InetAddress.getLoopbackAddress(), upstream)) {
        OutputStream toUp = up.getOutputStream();
        toUp.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
        toUp.write(requestBody);
        toUp.flush();
        InputStream fromUp = up.getInputStream();
        String responseHead = readHead(fromUp);
        if (responseHead == null) {
          return;
        }
        boolean wholeObject = (objectGet || head.startsWith("HEAD ")) && responseHead.startsWith("HTTP/1.1 200") && range.isEmpty();
        String checksum = checksumOf(path);
        if (wholeObject && checksum != null) {
          responseHead += "\r\n" + checksum + "\r\nx-amz-checksum-type: FULL_OBJECT";
        }
        InputStream body = fromUp;
        toClient.write((responseHead + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        toClient.flush();
        if (!responseHead.startsWith("HTTP/1.1 20")) {
          fault = Fault.NONE;
        }
        if (fault == Fault.RESET) {
          client.setSoLinger(true, 0); // a reset, as a dropped connection looks
          return;
        }
        if (fault == Fault.DELAY) {
          pause(at);
        }
        if (fault == Fault.STALL) {
          fromClient.transferTo(OutputStream.nullOutputStream()); // until the client gives up and closes
          return;
        }
        relay(body, toClient, client, fault, at);
      }
    } catch (IOException e) {
      // the client or the server went away: so does this connection
    }
  }

  private static void relay(InputStream body, OutputStream toClient, Socket client, Fault fault, long at) throws IOException {
    byte[] buffer = new byte[8192];
    long offset = 0;
    for (int n; (n = body.read(buffer)) > 0; ) {
      if ((fault == Fault.TRUNCATE || fault == Fault.CUT) && offset + n > at) {
        toClient.write(buffer, 0, (int) (at - offset));
        toClient.flush();
        if (fault == Fault.TRUNCATE) {
          client.setSoLinger(true, 0);
        }
        return;
      }
      if (fault == Fault.SLOW && offset + n > at) {
        pause(2);
      }
      if (fault == Fault.FLIP && offset <= at && at < offset + n) {
        buffer[(int) (at - offset)] ^= 0x01; // one bit: a hex digit may stay one
      }
      toClient.write(buffer, 0, n);
      offset += n;
    }
    toClient.flush();
  }

  /** The network being slow, not a test waiting for an event. */
  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    for (int b; (b = in.read()) >= 0; ) {
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : (b == '\r' ? 1 : 0);
      if (state == 4) {
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
