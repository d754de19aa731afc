package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.ProxyException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.TlsProvider;
import dev.wren.mqtt.testing.HttpConnectProxy;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.TestCertificates;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client through an HTTP CONNECT proxy to a real Mosquitto, over TCP and TLS. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientProxyTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static TestCertificates certs;
  private static Mosquitto broker;

  @BeforeAll static void start() throws Exception {
    Mosquitto.assumeAvailable();
    certs = TestCertificates.create(Files.createTempDirectory("wren-proxy-"));
    broker = Mosquitto.builder().tls(certs, false).start();
  }

  @AfterAll static void stop() throws Exception {
    if (broker != null) broker.close();
  }

  private static MqttClient client(String uri, String proxy, TlsOptions tls) {
    return new MqttClient(MqttOptions.builder().serverUri(uri).httpProxy(proxy).tls(tls)
        .clientId("proxy-" + IDS.incrementAndGet()).connectTimeout(5, TimeUnit.SECONDS).build());
  }

  private static void roundTrip(String uri, String proxy, TlsOptions tls) throws Exception {
    try (MqttClient c = client(uri, proxy, tls)) {
      c.connect();
      Inbox inbox = new Inbox();
      String topic = "proxy/" + IDS.incrementAndGet();
      c.subscribe(topic, Qos.AT_LEAST_ONCE, inbox);
      c.publish(Message.of(topic, "tunnelled", Qos.AT_LEAST_ONCE, false)).await(5, TimeUnit.SECONDS);
      assertEquals("tunnelled", inbox.take(5_000).payloadAsString());
    }
  }

  private static ProxyException refused(String uri, String proxy) {
    try (MqttClient c = client(uri, proxy, null)) {
      return assertThrows(ProxyException.class, c::connect);
    }
  }

  @Test void tcpThroughAnOpenProxy() throws Exception {
    try (HttpConnectProxy proxy = HttpConnectProxy.open()) {
      roundTrip(broker.uri(), proxy.uri(), null);
      List<String> requests = proxy.requests();
      assertEquals(1, requests.size());
      String target = "127.0.0.1:" + broker.port();
      assertTrue(requests.get(0).startsWith("CONNECT " + target + " HTTP/1.1\r\nHost: " + target
          + "\r\n"), requests.get(0));
      assertFalse(requests.get(0).contains("Proxy-Authorization"), requests.get(0));
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void tlsEndToEndThroughAProxyWithCredentials(TlsProvider provider) throws Exception {
    try (HttpConnectProxy proxy = HttpConnectProxy.withCredentials("alice", "s3cret:@!")) {
      String uri = "http://alice:s3cret%3A%40%21@127.0.0.1:" + proxy.port();
      roundTrip("ssl://localhost:" + broker.tlsPort(), uri, TlsOptions.builder()
          .caFile(certs.ca().toFile()).provider(provider).build());
      assertTrue(proxy.requests().get(0).startsWith("CONNECT localhost:" + broker.tlsPort()),
          "the proxy resolves the broker's name: " + proxy.requests());
    }
  }

  @Test void aProxyWantingCredentialsSaysSo() throws Exception {
    try (HttpConnectProxy proxy = HttpConnectProxy.withCredentials("alice", "secret")) {
      ProxyException none = refused(broker.uri(), proxy.uri());
      assertEquals(407, none.statusCode());
      assertTrue(none.getMessage().contains("'HTTP/1.1 407 Proxy Authentication Required'"),
          none.getMessage());
      assertTrue(none.getMessage().contains("wants credentials"), none.getMessage());

      ProxyException wrong = refused(broker.uri(), "http://alice:nope@127.0.0.1:" + proxy.port());
      assertEquals(407, wrong.statusCode());
      assertTrue(wrong.getMessage().contains("did not accept the credentials of user 'alice'"),
          wrong.getMessage());
      assertFalse(wrong.getMessage().contains("nope"), "no password in messages");
    }
  }

  @Test void aRefusalQuotesTheStatusLine() throws Exception {
    try (HttpConnectProxy proxy = HttpConnectProxy.open().answerWith("HTTP/1.1 502 Bad Gateway")) {
      ProxyException e = refused(broker.uri(), proxy.uri());
      assertEquals(502, e.statusCode());
      assertTrue(e.getMessage().contains("'HTTP/1.1 502 Bad Gateway'"), e.getMessage());
    }
  }

  @Test void aProxyThatIsNotHttpIsNamed() throws Exception {
    try (HttpConnectProxy proxy = HttpConnectProxy.open().answerWith("SSH-2.0-OpenSSH_9.2")) {
      ProxyException e = refused(broker.uri(), proxy.uri());
      assertEquals(-1, e.statusCode());
      assertTrue(e.getMessage().contains("does not speak HTTP"), e.getMessage());
    }
  }

  @Test void anUnreachableProxyIsNamed() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    ProxyException e = refused(broker.uri(), "http://127.0.0.1:" + closedPort);
    assertEquals(-1, e.statusCode());
    assertTrue(e.getMessage().contains("cannot reach the HTTP proxy http://127.0.0.1:" + closedPort),
        e.getMessage());
  }

  @Test void aSilentProxyTimesOutWithinConnectTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread acceptor = new Thread(() -> {
        try (Socket s = silent.accept(); OutputStream out = s.getOutputStream()) {
          out.write("HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII)); // and then nothing
          s.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
          // the client gave up and closed: expected
        }
      });
      acceptor.start();
      MqttClient c = new MqttClient(MqttOptions.builder().serverUri(broker.uri())
          .httpProxy("http://127.0.0.1:" + silent.getLocalPort())
          .connectTimeout(300, TimeUnit.MILLISECONDS).build());
      try (c) {
        MqttTimeoutException e = assertThrows(MqttTimeoutException.class, c::connect);
        assertTrue(e.getMessage().contains("did not answer CONNECT"), e.getMessage());
      }
      acceptor.join(5_000);
    }
  }
}
