package dev.wren.mqtt.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.TlsProvider;
import dev.wren.mqtt.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link Connection} contract over TLS on both providers: a read timeout in the middle of a
 * TLS record loses nothing, and close() from another thread ends a blocked read.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsConnectionTest {
  /**
   * A thread per blocking task. Not the common pool: on JDK 25 with 2 CPUs (pool parallelism 1)
   * CompletableFuture runs async tasks on that one worker, so a relay blocked in accept() starved
   * the server behind it and the handshake timed out (JDK 17 gave each task its own thread there).
   */
  private static final Executor THREADS = task -> {
    Thread t = new Thread(task, "tls-connection-test");
    t.setDaemon(true);
    t.start();
  };
  private static TestCertificates certs;
  private SSLServerSocket server;
  private ServerSocket relay;

  @BeforeAll static void certificates() throws Exception {
    certs = TestCertificates.create(Files.createTempDirectory("wren-tlsconn-"));
  }

  @AfterEach void close() throws IOException {
    if (server != null) server.close();
    if (relay != null) relay.close();
  }

  /** A JDK TLS server that writes {@code data} in 100-byte records once the handshake is done. */
  private int tlsServer(byte[] data) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Certificate cert = CertificateFactory.getInstance("X.509")
        .generateCertificate(Files.newInputStream(certs.serverCert()));
    String pem = Files.readString(certs.serverKey()).replaceAll("-----[A-Z ]+-----|\\s", "");
    PrivateKey key = KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    store.setKeyEntry("k", key, "x".toCharArray(), new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(store, "x".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    CompletableFuture.runAsync(() -> {
      try (SSLSocket s = (SSLSocket) server.accept()) {
        s.startHandshake();
        OutputStream out = s.getOutputStream();
        for (int i = 0; i < data.length; i += 100) {
          out.write(data, i, Math.min(100, data.length - i));
          out.flush();
        }
        s.getInputStream().read(); // until the client closes
      } catch (IOException e) {
        // the client closed
      }
    }, THREADS);
    return server.getLocalPort();
  }

  /** Relays to {@code port}, server-to-client one byte at a time, pausing every 97 bytes. */
  private int drippingRelay(int port) throws IOException {
    relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    CompletableFuture.runAsync(() -> {
      try (Socket client = relay.accept();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
        CompletableFuture.runAsync(() -> pump(client, upstream), THREADS);
        InputStream in = upstream.getInputStream();
        OutputStream out = client.getOutputStream();
        int b;
        long n = 0;
        while ((b = in.read()) >= 0) {
          out.write(b);
          out.flush();
          if (++n % 97 == 0) Thread.sleep(15);
        }
      } catch (IOException | InterruptedException e) {
        // either side closed
      }
    }, THREADS);
    return relay.getLocalPort();
  }

  private static void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // closed
    }
  }

  private static Connection open(int port, TlsProvider provider) throws IOException {
    TlsOptions tls = TlsOptions.builder().caFile(certs.ca().toFile()).provider(provider).build();
    return Transports.open(ServerAddress.parse("ssl://127.0.0.1:" + port),
        new TransportSettings(tls, null), 5_000);
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void readTimeoutsInsideRecordsLoseNothing(TlsProvider provider) throws Exception {
    byte[] data = new byte[3_000];
    for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
    try (Connection c = open(drippingRelay(tlsServer(data)), provider)) {
      c.setReadTimeout(5);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buffer = new byte[64];
      int timeouts = 0;
      while (got.size() < data.length) {
        try {
          int n = c.in().read(buffer);
          if (n < 0) break;
          got.write(buffer, 0, n);
        } catch (SocketTimeoutException e) {
          timeouts++;
        }
      }
      assertTrue(timeouts > 0, "precondition: the relay's pauses made reads time out");
      assertArrayEquals(data, got.toByteArray());
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void aServerThatNeverAnswersTheHandshakeTimesOut(TlsProvider provider) throws Exception {
    relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    CompletableFuture<Void> silent = CompletableFuture.runAsync(() -> {
      try (Socket s = relay.accept()) {
        s.getInputStream().transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        // the client gave up
      }
    }, THREADS);
    TlsOptions tls = TlsOptions.builder().caFile(certs.ca().toFile()).provider(provider).build();
    MqttTimeoutException e = assertThrows(MqttTimeoutException.class, () -> Transports.open(
        ServerAddress.parse("ssl://127.0.0.1:" + relay.getLocalPort()),
        new TransportSettings(tls, null), 300));
    assertTrue(e.getMessage().contains("the TLS handshake with 127.0.0.1:" + relay.getLocalPort()
        + " did not finish within 300 ms"), e.getMessage());
    silent.get(5, TimeUnit.SECONDS);
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void closeFromAnotherThreadEndsABlockedRead(TlsProvider provider) throws Exception {
    Connection c = open(tlsServer(new byte[0]), provider);
    c.setReadTimeout(0);
    AtomicReference<Exception> readEnded = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      try {
        c.in().read();
      } catch (IOException e) {
        readEnded.set(e);
      }
    });
    reader.start();
    Thread.sleep(100); // let the read block first
    c.close();
    reader.join(5_000);
    assertFalse(reader.isAlive(), "the read is still blocked after close()");
    assertNotNull(readEnded.get());
  }
}
