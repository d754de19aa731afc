package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.TlsException;
import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.TlsProvider;
import dev.wren.mqtt.testing.HttpConnectProxy;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.MosquittoClients;
import dev.wren.mqtt.testing.TestCertificates;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MqttClient} over {@code ws://} and {@code wss://} (mutual TLS) to a real Mosquitto,
 * checked against mosquitto_pub and mosquitto_sub over plain TCP, and ws through an HTTP CONNECT
 * proxy. Payloads stay small: Mosquitto 2.0.11 moves WebSocket data slowly.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientWebSocketMosquittoTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static TestCertificates certs;
  private static Mosquitto broker;

  @BeforeAll static void start() throws Exception {
    Mosquitto.assumeAvailable();
    certs = TestCertificates.create(Files.createTempDirectory("wren-ws-"));
    broker = Mosquitto.builder().websockets().secureWebsockets(certs, true).start();
  }

  @AfterAll static void stop() throws Exception {
    if (broker != null) broker.close();
  }

  private static TlsOptions mutualTls(TlsProvider provider) {
    return TlsOptions.builder().caFile(certs.ca().toFile()).provider(provider)
        .clientCertificate(certs.clientCert().toFile(), certs.clientKeyPkcs8().toFile()).build();
  }

  private static MqttOptions.Builder options(String uri) {
    return MqttOptions.builder().serverUri(uri).clientId("ws-" + IDS.incrementAndGet())
        .connectTimeout(10, TimeUnit.SECONDS).operationTimeout(10, TimeUnit.SECONDS);
  }

  /**
   * Subscribes at QoS 2, publishes at QoS 0, 1 and 2 and gets each back at its own QoS, in any
   * order: MQTT orders messages per QoS only (3.1.1 section 4.6), and HiveMQ CE forwards the QoS 1
   * message before the QoS 0 one published just before it (ClientHiveMqTest).
   */
  static void roundTripsAtEveryQos(MqttClient c) throws Exception {
    Inbox inbox = new Inbox();
    String topic = "ws/" + IDS.incrementAndGet();
    c.subscribe(topic, Qos.EXACTLY_ONCE, inbox);
    for (Qos qos : Qos.values()) {
      c.publish(Message.of(topic, "at " + qos, qos, false)).await(10, TimeUnit.SECONDS);
    }
    List<String> got = new ArrayList<>();
    List<Message> arrived = new ArrayList<>(inbox.take(3, 10_000));
    arrived.sort(Comparator.comparing(Message::qos));
    for (Message m : arrived) got.add(m.payloadAsString() + " " + m.qos());
    List<String> expected = new ArrayList<>();
    for (Qos qos : Qos.values()) expected.add("at " + qos + " " + qos);
    assertEquals(expected, got);
  }

  @Test void wsRoundTripsAtEveryQos() throws Exception {
    try (MqttClient c = new MqttClient(options(broker.wsUri()).build())) {
      c.connect();
      roundTripsAtEveryQos(c);
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void wssWithMutualTlsRoundTripsAtEveryQos(TlsProvider provider) throws Exception {
    try (MqttClient c = new MqttClient(options(broker.wssUri()).tls(mutualTls(provider)).build())) {
      c.connect();
      roundTripsAtEveryQos(c);
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void wssWithoutAClientCertificateIsATlsFailure(TlsProvider provider) {
    TlsOptions tls = TlsOptions.builder().caFile(certs.ca().toFile()).provider(provider).build();
    try (MqttClient c = new MqttClient(options(broker.wssUri()).tls(tls).build())) {
      TlsException e = assertThrows(TlsException.class, c::connect);
      assertEquals(TlsException.Kind.HANDSHAKE_FAILED, e.kind(), e.toString());
      assertTrue(e.getMessage().contains("clientCertificate"), e.getMessage());
    }
  }

  @Test void mosquittoPubOverTcpReachesWrenOverWs() throws Exception {
    Mosquitto.assumeClientsAvailable();
    try (MqttClient c = new MqttClient(options(broker.wsUri()).build())) {
      c.connect();
      Inbox inbox = new Inbox();
      c.subscribe("ws/from-tcp", Qos.AT_LEAST_ONCE, inbox);
      MosquittoClients.Result r = MosquittoClients.pub(broker, "-t", "ws/from-tcp", "-q", "1",
          "-m", "from mosquitto_pub");
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals("from mosquitto_pub", inbox.take(10_000).payloadAsString());
    }
  }

  @Test void wrenOverWssReachesMosquittoSubOverTcp() throws Exception {
    Mosquitto.assumeClientsAvailable();
    try (MosquittoClients.Sub sub = MosquittoClients.startSub(broker, "-t", "ws/to-tcp", "-q", "2");
        MqttClient c = new MqttClient(options(broker.wssUri())
            .tls(mutualTls(TlsProvider.PLATFORM)).build())) {
      c.connect();
      c.publish(Message.of("ws/to-tcp", "from wren over wss", Qos.EXACTLY_ONCE, false))
          .await(10, TimeUnit.SECONDS);
      assertEquals("from wren over wss", sub.awaitLine(10_000));
    }
  }

  @Test void wsThroughAnHttpProxy() throws Exception {
    try (HttpConnectProxy proxy = HttpConnectProxy.open();
        MqttClient c = new MqttClient(options(broker.wsUri()).httpProxy(proxy.uri()).build())) {
      c.connect();
      roundTripsAtEveryQos(c);
      List<String> requests = proxy.requests();
      assertEquals(1, requests.size(), requests.toString());
      assertTrue(requests.get(0).startsWith("CONNECT 127.0.0.1:" + broker.wsPort() + " HTTP/1.1\r\n"),
          requests.get(0));
    }
  }
}
