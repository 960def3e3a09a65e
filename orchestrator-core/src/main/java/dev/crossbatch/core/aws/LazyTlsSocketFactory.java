package dev.crossbatch.core.aws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.http.HttpHost;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLInitializationException;
import org.apache.http.protocol.HttpContext;
import software.amazon.awssdk.http.apache.internal.conn.SdkTlsSocketFactory;

/**
 * The SDK's own TLS socket factory, made when the first https connection is opened instead of
 * when the client is built. Setting up TLS (the JSSE provider, the CA certificates) takes about a
 * tenth of a second, which a command talking to an http endpoint (a local CodeBuild-compatible
 * server) never needs. Over https: the SDK's factory and Java's TLS context and trust store, as
 * the SDK's default; the server's host name is checked by Java during the handshake
 * ({@link HostCheckingSslContext}) instead of by the Apache client's checker after it.
 */
final class LazyTlsSocketFactory implements LayeredConnectionSocketFactory {
  private final Supplier<SSLContext> context;
  private volatile SSLConnectionSocketFactory delegate;

  /** Java's default TLS context: its trust store, its protocols. */
  LazyTlsSocketFactory() {
    this(LazyTlsSocketFactory::defaultContext);
  }

  /** @param context the TLS context to check host names with, made when the first https connection opens */
  LazyTlsSocketFactory(Supplier<SSLContext> context) {
    this.context = context;
  }

  private SSLConnectionSocketFactory delegate() {
    SSLConnectionSocketFactory factory = delegate;
    if (factory == null) {
      synchronized (this) {
        if (delegate == null) {
          delegate = new SdkTlsSocketFactory(new HostCheckingSslContext(context.get()), NoopHostnameVerifier.INSTANCE);
        }
        factory = delegate;
      }
    }
    return factory;
  }

  /** As ApacheHttpClient makes it by default: TLS, the JVM's trust store. */
  private static SSLContext defaultContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, null, null);
      return context;
    } catch (NoSuchAlgorithmException | KeyManagementException e) {
      throw new SSLInitializationException(e.getMessage(), e);
    }
  }

  @Override
  public Socket createSocket(HttpContext context) throws IOException {
    return delegate().createSocket(context);
  }

  @Override
  public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
      InetSocketAddress localAddress, HttpContext context) throws IOException {
    return delegate().connectSocket(connectTimeout, socket, host, remoteAddress, localAddress, context);
  }

  @Override
  public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context) throws IOException {
    return delegate().createLayeredSocket(socket, target, port, context);
  }
}
