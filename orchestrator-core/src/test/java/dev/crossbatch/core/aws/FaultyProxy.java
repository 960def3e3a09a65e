package dev.crossbatch.core.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on loopback in front of an S3 server that damages object bodies on the way back:
 * flips one byte, or cuts the body short and drops the connection, for the first N object GETs.
 * One request per connection. Records each object GET's Range and If-Match headers.
 */
public final class FaultyProxy implements AutoCloseable {
  /** FLIP one byte, TRUNCATE (then reset), or SLOW: from byte {@code at} on, about 4 MB/s. */
  public enum Fault { NONE, FLIP, TRUNCATE, SLOW }

  private final ServerSocket server;
  private final int upstream;
  private volatile Fault fault = Fault.NONE;
  private volatile long at;
  private volatile String key = "";
  private final AtomicInteger remaining = new AtomicInteger();
  private final List<String> gets = new CopyOnWriteArrayList<>();

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

  /** Damages the next {@code times} GETs of objects whose key contains {@code key}, at body byte {@code at}. */
  public void damage(Fault fault, String key, long at, int times) {
    this.fault = fault;
    this.key = key;
    this.at = at;
    this.remaining.set(times);
  }

  /** "Range=...; If-Match=..." of each object GET so far. */
  public List<String> objectGets() {
    return gets;
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

  private void serve(Socket client) {
    try (client; Socket up = new Socket(InetAddress.getLoopbackAddress(), upstream)) {
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
      OutputStream toUp = up.getOutputStream();
      toUp.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
      toUp.write(fromClient.readNBytes((int) length));
      toUp.flush();
      InputStream fromUp = up.getInputStream();
      String responseHead = readHead(fromUp);
      if (responseHead == null) {
        return;
      }
      OutputStream toClient = client.getOutputStream();
      toClient.write((responseHead + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      Fault now = Fault.NONE;
      if (objectGet && path.contains(key)) {
        gets.add("Range=" + range + "; If-Match=" + ifMatch);
        if (responseHead.startsWith("HTTP/1.1 20") && remaining.getAndDecrement() > 0) {
          now = fault;
        }
      }
      byte[] buffer = new byte[8192];
      long offset = 0;
      for (int n; (n = fromUp.read(buffer)) > 0; ) {
        if (now == Fault.TRUNCATE && offset + n > at) {
          toClient.write(buffer, 0, (int) (at - offset));
          toClient.flush();
          client.setSoLinger(true, 0); // a reset, as a dropped connection looks
          return;
        }
        if (now == Fault.SLOW && offset + n > at) {
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            return;
          }
        }
        if (now == Fault.FLIP && offset <= at && at < offset + n) {
          buffer[(int) (at - offset)] ^= 0x5a;
        }
        toClient.write(buffer, 0, n);
        offset += n;
      }
      toClient.flush();
    } catch (IOException e) {
      // the client or the server went away: so does this connection
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
