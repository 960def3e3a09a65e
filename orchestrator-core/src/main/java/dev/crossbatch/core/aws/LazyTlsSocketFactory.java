package dev.crossbatch.core.aws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import org.apache.http.HttpHost;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLInitializationException;
import org.apache.http.protocol.HttpContext;
import software.amazon.awssdk.http.apache.internal.conn.SdkTlsSocketFactory;

/**
 * The SDK's own TLS socket factory, made when the first https connection is opened instead of
 * when the client is built. Setting up TLS (the JSSE provider, the CA certificates) takes about a
 * tenth of a second, which a command talking to an http endpoint (a local CodeBuild-compatible
 * server) never needs; over https nothing changes: same factory, same context, same hostname
 * verification as the SDK's default.
 */
final class LazyTlsSocketFactory implements LayeredConnectionSocketFactory {
  private volatile SSLConnectionSocketFactory delegate;

  private SSLConnectionSocketFactory delegate() {
    SSLConnectionSocketFactory factory = delegate;
    if (factory == null) {
      synchronized (this) {
        if (delegate == null) {
          delegate = create();
        }
        factory = delegate;
      }
    }
    return factory;
  }

  /** As ApacheHttpClient builds it by default: TLS, the JVM's trust store, the default hostname verifier. */
  private static SSLConnectionSocketFactory create() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, null, null);
      return new SdkTlsSocketFactory(context, SSLConnectionSocketFactory.getDefaultHostnameVerifier());
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
