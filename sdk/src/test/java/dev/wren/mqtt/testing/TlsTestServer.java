package dev.wren.mqtt.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server peer on 127.0.0.1 (the JDK's JSSE) for what a broker does not show: which SNI name
 * and ALPN protocols a client offered, and how many bytes of application data arrived (0 when
 * the client refused the certificate). After the handshake it answers an MQTT CONNECT with
 * CONNACK 0 and then reads until the client closes. One {@link Session} per connection.
 * Thread-safe.
 */
public final class TlsTestServer implements AutoCloseable {
  /** What one connection showed. */
  public record Session(boolean handshakeDone, List<String> serverNames, List<String> alpnOffered,
      String protocol, long applicationBytes, String failure) {
  }

  private final SSLServerSocket server;
  private final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();

  /** @param chainPem the server certificate chain; {@code keyPem} a PKCS#8 EC key */
  public TlsTestServer(Path chainPem, Path keyPem) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Certificate[] chain = CertificateFactory.getInstance("X.509")
        .generateCertificates(Files.newInputStream(chainPem)).toArray(new Certificate[0]);
    String pem = Files.readString(keyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey key = KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    store.setKeyEntry("server", key, "x".toCharArray(), chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(store, "x".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread t = new Thread(this::acceptLoop, "TlsTestServer-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The next connection's session once it has ended, or null after 10 s. */
  public Session nextSession() throws InterruptedException {
    return sessions.poll(10, TimeUnit.SECONDS);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      SSLSocket socket;
      try {
        socket = (SSLSocket) server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread t = new Thread(() -> serve(socket), "TlsTestServer-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(SSLSocket socket) {
    List<String> alpn = new ArrayList<>();
    List<String> names = new ArrayList<>();
    socket.setHandshakeApplicationProtocolSelector((s, offered) -> {
      alpn.addAll(offered);
      return offered.isEmpty() ? null : offered.get(0);
    });
    long bytes = 0;
    boolean handshakeDone = false;
    String protocol = null;
    String failure = null;
    try (socket) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      handshakeDone = true;
      protocol = socket.getSession().getProtocol();
      for (SNIServerName n : ((ExtendedSSLSession) socket.getSession()).getRequestedServerNames()) {
        names.add(n instanceof SNIHostName h ? h.getAsciiName() : n.toString());
      }
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      int first = in.read();
      if (first >= 0) {
        bytes++;
        int length = in.read();
        bytes++;
        bytes += in.readNBytes(length).length;
        if (first == 0x10) out.write(new byte[] {0x20, 0x02, 0x00, 0x00});
        out.flush();
        byte[] buffer = new byte[1024];
        int n;
        while ((n = in.read(buffer)) >= 0) bytes += n;
      }
    } catch (IOException e) {
      failure = e.toString();
    }
    sessions.add(new Session(handshakeDone, names, alpn, protocol, bytes, failure));
  }

  @Override public void close() throws IOException {
    server.close();
  }
}
