package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.Await.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.Will;
import dev.wren.mqtt.testing.EmbeddedHiveMq;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.RecordedPacket;
import dev.wren.mqtt.testing.TcpForwarder;
import dev.wren.mqtt.testing.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client (MQTT 3.1.1) against HiveMQ CE in-process with its shipped limits: one broker for
 * the class (TCP and WebSocket listeners), topics and client ids unique per test. Needs nothing
 * installed. A failure message carries the broker's log.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientHiveMqTest {
  private static EmbeddedHiveMq broker;
  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private String prefix;

  @BeforeAll static void startBroker() throws Exception {
    broker = EmbeddedHiveMq.startWithWebSocket();
  }

  @AfterAll static void stopBroker() {
    if (broker != null) broker.close();
  }

  @BeforeEach void topicPrefix(TestInfo info) {
    prefix = "hmq/" + info.getTestMethod().orElseThrow().getName() + "/"
        + info.getDisplayName().replaceAll("[^A-Za-z0-9]", "");
  }

  @AfterEach void closeAll() throws Exception {
    for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
  }

  private String topic(String suffix) {
    return prefix + "/" + suffix;
  }

  private MqttClient client(String uri, String id, UnaryOperator<MqttOptions.Builder> options) {
    MqttClient c = new MqttClient(options.apply(MqttOptions.builder()
        .serverUri(uri)
        .clientId(id)
        .connectTimeout(5, TimeUnit.SECONDS)
        .operationTimeout(5, TimeUnit.SECONDS)).build());
    closeAfter.add(c);
    return c;
  }

  private MqttClient connected(String id) throws Exception {
    MqttClient c = client(broker.serverUri(), id, b -> b);
    c.connect();
    return c;
  }

  @ParameterizedTest(name = "QoS {0}")
  @EnumSource(Qos.class)
  void clientToClient(Qos qos) throws Exception {
    Inbox inbox = new Inbox("sub");
    MqttClient sub = connected("hmq-sub-" + qos.value());
    assertEquals(qos, sub.subscribe(topic("x"), qos, inbox));
    MqttClient pub = connected("hmq-pub-" + qos.value());
    Delivery d = pub.publish(Message.of(topic("x"), "q" + qos.value(), qos, false));
    d.await(5, TimeUnit.SECONDS);
    assertTrue(d.isDelivered(), broker.log());
    Message m = inbox.take(5_000);
    assertEquals(topic("x"), m.topic());
    assertEquals("q" + qos.value(), m.payloadAsString());
    assertEquals(qos, m.qos());
    assertFalse(m.retain());
    inbox.assertNothingFor(200);
  }

  @Test void retainedMessageReachesALaterSubscriberWithRetainSet() throws Exception {
    MqttClient a = connected("hmq-retain-a");
    a.publish(Message.of(topic("r"), "kept", Qos.AT_LEAST_ONCE, true)).await(5, TimeUnit.SECONDS);
    try {
      Inbox inbox = new Inbox();
      MqttClient b = connected("hmq-retain-b");
      b.subscribe(topic("r"), Qos.AT_LEAST_ONCE, inbox);
      Message m = inbox.take(5_000);
      assertEquals("kept", m.payloadAsString());
      assertTrue(m.retain(), "a retained message sent on subscribe has RETAIN=1: " + m);
      // A live publish of a retained message to an existing subscriber has RETAIN=0 (3.1.1).
      a.publish(Message.of(topic("r"), "live", Qos.AT_LEAST_ONCE, true)).await(5, TimeUnit.SECONDS);
      Message live = inbox.take(5_000);
      assertEquals("live", live.payloadAsString());
      assertFalse(live.retain(), "forwarded to an existing subscription: " + live);
    } finally {
      a.publish(Message.of(topic("r"), "", Qos.AT_LEAST_ONCE, true))
          .await(5, TimeUnit.SECONDS);
    }
  }

  @Test void willIsPublishedWhenTheLinkIsCut() throws Exception {
    Inbox wills = new Inbox("wills");
    connected("hmq-will-watch").subscribe(topic("will"), Qos.AT_LEAST_ONCE, wills);
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      MqttClient c = client(fwd.uri(), "hmq-will-cut", b -> b.keepAliveSeconds(1)
          .will(Will.builder().topic(topic("will")).payload("gone").qos(Qos.AT_LEAST_ONCE).build()));
      c.connect();
      fwd.cut(); // the broker sees the TCP connection end without DISCONNECT
      Message m = wills.take(5_000);
      assertEquals("gone", m.payloadAsString());
      assertEquals(Qos.AT_LEAST_ONCE, m.qos());
      awaitTrue("client notices the cut", 3_000, () -> !c.isConnected());
    }
  }

  @Test void willIsNotPublishedOnDisconnect() throws Exception {
    Inbox wills = new Inbox("wills");
    connected("hmq-will-watch2").subscribe(topic("will"), Qos.AT_LEAST_ONCE, wills);
    MqttClient c = client(broker.serverUri(), "hmq-will-polite", b -> b
        .will(Will.builder().topic(topic("will")).payload("gone").qos(Qos.AT_LEAST_ONCE).build()));
    c.connect();
    c.disconnect();
    connected("hmq-will-marker").publish(Message.of(topic("will"), "marker", Qos.AT_LEAST_ONCE, false))
        .await(5, TimeUnit.SECONDS);
    assertEquals("marker", wills.take(5_000).payloadAsString(), "a Will arrived before the marker");
    wills.assertNothingFor(500);
  }

  /** Publishes QoS 1 and 2 messages while {@code c} is away, then connects it again. */
  private void messagesQueuedWhileAwayArriveOnResume(MqttClient c, Inbox inbox, String pubId,
      Runnable away) throws Exception {
    MqttClient pub = connected(pubId);
    pub.publish(Message.of(topic("s"), "one", Qos.AT_LEAST_ONCE, false)).await(5, TimeUnit.SECONDS);
    pub.publish(Message.of(topic("s"), "two", Qos.EXACTLY_ONCE, false)).await(5, TimeUnit.SECONDS);
    pub.close();
    away.run();
    assertTrue(c.connect(), "CONNACK session present\n" + broker.log());
    List<String> got = new ArrayList<>();
    for (Message m : inbox.take(2, 5_000)) got.add(m.payloadAsString() + " " + m.qos());
    assertEquals(List.of("one AT_LEAST_ONCE", "two EXACTLY_ONCE"), got);
    inbox.assertNothingFor(300);
  }

  @Test void aPersistentSessionResumesWithWhatWasQueuedWhileAway() throws Exception {
    Inbox inbox = new Inbox("resumed");
    MqttClient c = client(broker.serverUri(), "hmq-persistent", b -> b.cleanSession(false));
    assertFalse(c.connect(), "a new session");
    c.subscribe(topic("s"), Qos.EXACTLY_ONCE, inbox);
    c.disconnect();
    messagesQueuedWhileAwayArriveOnResume(c, inbox, "hmq-persistent-pub", () -> { });
    c.unsubscribe(topic("s"));
  }

  /** HiveMQ keeps sessions in its data folder (file persistence, as shipped) across a restart. */
  @Test void aPersistentSessionSurvivesABrokerRestart() throws Exception {
    Inbox inbox = new Inbox("restarted");
    MqttClient c = client(broker.serverUri(), "hmq-persistent-restart", b -> b.cleanSession(false));
    assertFalse(c.connect(), "a new session");
    c.subscribe(topic("s"), Qos.EXACTLY_ONCE, inbox);
    c.disconnect();
    messagesQueuedWhileAwayArriveOnResume(c, inbox, "hmq-persistent-restart-pub", () -> {
      try {
        broker.restart();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    c.unsubscribe(topic("s"));
  }

  @Test void webSocketRoundTripsAtEveryQos() throws Exception {
    MqttClient c = client(broker.webSocketUri(), "hmq-ws", b -> b);
    c.connect();
    ClientWebSocketMosquittoTest.roundTripsAtEveryQos(c);
  }

  /** The messages of {@code qos} among {@code payloads} ("QOS/N"), in their order. */
  private static List<String> ofQos(List<String> payloads, Qos qos) {
    List<String> out = new ArrayList<>();
    for (String p : payloads) {
      if (p.startsWith(qos.value() + "/")) out.add(p);
    }
    return out;
  }

  /**
   * MQTT keeps the order of one publisher's messages per QoS, not across QoS levels (3.1.1
   * section 4.6), and both sides use that. The client sends QoS 0 messages past QoS 1 and 2
   * ones that wait for its in-flight window; HiveMQ CE forwards a QoS 0 message after a QoS 1
   * one that reached it later (roundTripsAtEveryQos, which awaits each, sees it every time).
   */
  @Test void orderIsKeptPerQosOnTheWireAndAtTheSubscriber() throws Exception {
    int rounds = 10;
    Inbox inbox = new Inbox();
    MqttClient sub = connected("hmq-order-sub");
    sub.subscribe(topic("o"), Qos.EXACTLY_ONCE, inbox);
    List<String> sent = new ArrayList<>();
    List<String> onTheWire = new ArrayList<>();
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      MqttClient pub = client(fwd.uri(), "hmq-order-pub", b -> b);
      pub.connect();
      List<Delivery> deliveries = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        for (Qos qos : Qos.values()) {
          deliveries.add(pub.publish(Message.of(topic("o"), qos.value() + "/" + i, qos, false)));
          sent.add(qos.value() + "/" + i);
        }
      }
      for (Delivery d : deliveries) d.await(10, TimeUnit.SECONDS);
      for (RecordedPacket p : fwd.clientPackets(Wire.PUBLISH)) onTheWire.add(p.payloadAsString());
    }
    List<String> arrived = new ArrayList<>();
    for (Message m : inbox.take(3 * rounds, 10_000)) {
      arrived.add(m.payloadAsString());
      assertEquals(m.payloadAsString().charAt(0) - '0', m.qos().value(), "QoS of " + m);
    }
    for (Qos qos : Qos.values()) {
      assertEquals(ofQos(sent, qos), ofQos(onTheWire, qos), "QoS " + qos.value() + " on the wire: "
          + onTheWire);
      assertEquals(ofQos(sent, qos), ofQos(arrived, qos), "QoS " + qos.value() + " at the"
          + " subscriber: " + arrived);
    }
    inbox.assertNothingFor(200);
  }
}
