package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.DisconnectedByBrokerException;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.ProtocolVersion;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.RetainHandling;
import dev.wren.mqtt.ServerCapabilities;
import dev.wren.mqtt.Subscription;
import dev.wren.mqtt.UserProperty;
import dev.wren.mqtt.internal.codec.ReasonCode;
import dev.wren.mqtt.testing.EmbeddedHiveMq;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.RecordingListener;
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
 * The client speaking MQTT 5.0 to HiveMQ CE in-process, with its shipped limits: the second
 * independent 5.0 broker beside Mosquitto, and one that needs nothing installed. One broker for
 * the class; topics and client ids unique per test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Mqtt5HiveMqTest {
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
    prefix = "hmq5/" + info.getTestMethod().orElseThrow().getName() + "/"
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
        .serverUri(uri).clientId(id).protocolVersion(ProtocolVersion.MQTT_5_0)
        .connectTimeout(5, TimeUnit.SECONDS).operationTimeout(5, TimeUnit.SECONDS)).build());
    closeAfter.add(c);
    return c;
  }

  private MqttClient connected(String id) throws Exception {
    return connected(id, b -> b);
  }

  private MqttClient connected(String id, UnaryOperator<MqttOptions.Builder> options)
      throws Exception {
    MqttClient c = client(broker.serverUri(), id, options);
    c.connect();
    return c;
  }

  @ParameterizedTest(name = "QoS {0}")
  @EnumSource(Qos.class)
  void roundTripWithProperties(Qos qos) throws Exception {
    Inbox inbox = new Inbox("sub");
    connected("h5-sub-" + qos.value()).subscribe(topic("x"), qos, inbox);
    MqttClient pub = connected("h5-pub-" + qos.value());
    // QoS 0 carries properties directly; QoS 1/2 carry them through the outbound queue.
    Delivery d = pub.publish(Message.builder().topic(topic("x")).payload("21.5").qos(qos)
        .userProperty("unit", "C").userProperty("unit", "F").contentType("text/plain")
        .responseTopic(topic("reply")).correlationData(new byte[] {4, 2})
        .payloadFormatUtf8(true).build());
    d.await(5, TimeUnit.SECONDS);
    Message m = inbox.take(5_000);
    assertEquals("21.5", m.payloadAsString());
    assertEquals(qos, m.qos());
    assertEquals(List.of(UserProperty.of("unit", "C"), UserProperty.of("unit", "F")),
        m.userProperties());
    assertEquals("text/plain", m.contentType());
    assertEquals(topic("reply"), m.responseTopic());
    assertArrayEquals(new byte[] {4, 2}, m.correlationData());
    assertTrue(m.payloadFormatUtf8());
  }

  @Test void serverCapabilitiesAreHiveMqsAndTheWindowFollowsThem() throws Exception {
    MqttClient c = connected("h5-caps", b -> b.maxInflight(50));
    ServerCapabilities s = c.serverCapabilities();
    assertEquals(ProtocolVersion.MQTT_5_0, s.protocolVersion());
    // HiveMQ CE 2024.3 as shipped: Receive Maximum 10, Topic Alias Maximum 5, QoS 2, retain.
    assertEquals(10, s.receiveMaximum(), s.toString());
    assertEquals(5, s.topicAliasMaximum(), s.toString());
    assertEquals(Qos.EXACTLY_ONCE, s.maximumQos());
    assertTrue(s.retainAvailable());
    // 200 QoS 1 messages with a window of 50 asked: the broker's 10 caps it, nothing is refused.
    Inbox inbox = new Inbox();
    connected("h5-caps-sub").subscribe(topic("s"), Qos.AT_LEAST_ONCE, inbox);
    List<Delivery> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(c.publish(Message.of(topic("s"), Integer.toString(i), Qos.AT_LEAST_ONCE, false)));
      assertTrue(c.statistics().inflight() <= 10, "in flight: " + c.statistics().inflight());
    }
    for (Delivery d : all) d.await(10, TimeUnit.SECONDS);
    List<Message> got = inbox.take(200, 10_000);
    for (int i = 0; i < 200; i++) assertEquals(Integer.toString(i), got.get(i).payloadAsString());
  }

  @Test void aPublishWithoutSubscribersShowsNoMatchingSubscribers() throws Exception {
    Delivery d = connected("h5-nomatch").publish(
        Message.of(topic("nobody"), "x", Qos.AT_LEAST_ONCE, false));
    d.await(5, TimeUnit.SECONDS);
    assertTrue(d.isDelivered());
    assertEquals(ReasonCode.NO_MATCHING_SUBSCRIBERS, d.reasonCode(), broker.log());
  }

  @Test void subscriptionIdentifiersNoLocalAndRetainHandling() throws Exception {
    MqttClient c = connected("h5-subopts");
    Inbox own = new Inbox("own");
    c.subscribe(List.of(Subscription.builder(topic("t"), Qos.AT_LEAST_ONCE, own).noLocal(true)
        .subscriptionIdentifier(42).build()));
    Inbox others = new Inbox("others");
    connected("h5-subopts-2").subscribe(List.of(Subscription.builder(topic("t"),
        Qos.AT_LEAST_ONCE, others).subscriptionIdentifier(7).build()));
    c.publish(Message.of(topic("t"), "mine", Qos.AT_LEAST_ONCE, false)).await(5, TimeUnit.SECONDS);
    Message m = others.take(5_000);
    assertEquals(List.of(7), m.subscriptionIdentifiers());
    own.assertNothingFor(300);

    // Retain handling 2: a retained message is not sent on subscribe.
    c.publish(Message.of(topic("r"), "kept", Qos.AT_LEAST_ONCE, true)).await(5, TimeUnit.SECONDS);
    try {
      Inbox none = new Inbox("none");
      connected("h5-subopts-3").subscribe(List.of(Subscription.builder(topic("r"),
          Qos.AT_LEAST_ONCE, none).retainHandling(RetainHandling.DO_NOT_SEND).build()));
      none.assertNothingFor(300);
      Inbox some = new Inbox("some");
      connected("h5-subopts-4").subscribe(topic("r"), Qos.AT_LEAST_ONCE, some);
      assertEquals("kept", some.take(5_000).payloadAsString());
    } finally {
      c.publish(Message.of(topic("r"), "", Qos.AT_LEAST_ONCE, true)).await(5, TimeUnit.SECONDS);
    }
  }

  @Test void aSharedSubscriptionSplitsTheStreamAndKeepsTheTopic() throws Exception {
    Inbox a = new Inbox("a");
    Inbox b = new Inbox("b");
    String shared = "$share/workers/" + topic("jobs/+");
    connected("h5-share-a").subscribe(shared, Qos.AT_LEAST_ONCE, a);
    connected("h5-share-b").subscribe(shared, Qos.AT_LEAST_ONCE, b);
    MqttClient pub = connected("h5-share-pub");
    for (int i = 0; i < 20; i++) {
      pub.publish(Message.of(topic("jobs/" + i), "j", Qos.AT_LEAST_ONCE, false))
          .await(5, TimeUnit.SECONDS);
    }
    Thread.sleep(500);
    int total = a.all().size() + b.all().size();
    assertEquals(20, total, "each job once across the group");
    for (Message m : a.all()) assertTrue(m.topic().startsWith(topic("jobs/")), m.topic());
  }

  @Test void retainedMessagesExpire() throws Exception {
    MqttClient c = connected("h5-expiry");
    c.publish(Message.builder().topic(topic("e")).payload("short").qos(Qos.AT_LEAST_ONCE)
        .retain(true).expiresAfter(1, TimeUnit.SECONDS).build()).await(5, TimeUnit.SECONDS);
    Inbox early = new Inbox("early");
    connected("h5-expiry-early").subscribe(topic("e"), Qos.AT_LEAST_ONCE, early);
    Message m = early.take(5_000);
    assertTrue(m.expiresAfterMillis() > 0 && m.expiresAfterMillis() <= 1_000, m.toString());
    Thread.sleep(2_200);
    Inbox late = new Inbox("late");
    connected("h5-expiry-late").subscribe(topic("e"), Qos.AT_LEAST_ONCE, late);
    late.assertNothingFor(500);
  }

  @Test void aSessionWithExpiryResumesAndOneThatExpiredDoesNot() throws Exception {
    String id = "h5-session";
    MqttClient c = connected(id, b -> b.cleanSession(false).sessionExpiry(60, TimeUnit.SECONDS));
    c.subscribe(topic("q"), Qos.AT_LEAST_ONCE, new Inbox());
    c.close();
    connected("h5-session-pub").publish(Message.of(topic("q"), "while away", Qos.AT_LEAST_ONCE,
        false)).await(5, TimeUnit.SECONDS);
    Inbox inbox = new Inbox();
    MqttClient again = client(broker.serverUri(), id, b -> b.cleanSession(false)
        .sessionExpiry(60, TimeUnit.SECONDS).defaultHandler(inbox));
    assertTrue(again.connect(), "session present");
    assertEquals("while away", inbox.take(5_000).payloadAsString());
    again.close();

    MqttClient brief = connected("h5-brief", b -> b.cleanSession(false)
        .sessionExpiry(1, TimeUnit.SECONDS));
    brief.subscribe(topic("b"), Qos.AT_LEAST_ONCE, new Inbox());
    brief.close();
    Thread.sleep(2_500);
    MqttClient later = client(broker.serverUri(), "h5-brief", b -> b.cleanSession(false)
        .sessionExpiry(1, TimeUnit.SECONDS));
    assertFalse(later.connect(), "the session expired 1 s after the link ended");
  }

  @Test void aSecondClientWithTheSameIdTakesTheSessionOverAndTheFirstStaysOff() throws Exception {
    RecordingListener events = new RecordingListener();
    connected("h5-twin", b -> b.listener(events));
    connected("h5-twin");
    String e = events.take("disconnected", 5_000);
    assertTrue(e.contains("reconnect=false"), e);
    DisconnectedByBrokerException cause =
        assertInstanceOf(DisconnectedByBrokerException.class, events.lastCause());
    assertEquals(ReasonCode.SESSION_TAKEN_OVER, cause.reasonCode());
  }

  @Test void overWebSocket() throws Exception {
    Inbox inbox = new Inbox();
    MqttClient c = client(broker.webSocketUri(), "h5-ws", b -> b);
    c.connect();
    c.subscribe(topic("w"), Qos.EXACTLY_ONCE, inbox);
    c.publish(Message.builder().topic(topic("w")).payload("ws").qos(Qos.EXACTLY_ONCE)
        .userProperty("via", "ws").build()).await(5, TimeUnit.SECONDS);
    Message m = inbox.take(5_000);
    assertEquals(List.of(UserProperty.of("via", "ws")), m.userProperties());
  }

  @Test void aThreeOneOneClientAndAFiveClientTalkThroughOneBroker() throws Exception {
    Inbox inbox = new Inbox();
    MqttClient old = new MqttClient(MqttOptions.builder().serverUri(broker.serverUri())
        .clientId("h5-old").build());
    closeAfter.add(old);
    old.connect();
    old.subscribe(topic("mix"), Qos.AT_LEAST_ONCE, inbox);
    connected("h5-new").publish(Message.builder().topic(topic("mix")).payload("hi")
        .qos(Qos.AT_LEAST_ONCE).userProperty("k", "v").build()).await(5, TimeUnit.SECONDS);
    Message m = inbox.take(5_000);
    assertEquals("hi", m.payloadAsString());
    assertTrue(m.userProperties().isEmpty(), "a 3.1.1 subscriber sees no properties");
    assertThrows(IllegalArgumentException.class, () -> old.publish(Message.builder()
        .topic(topic("mix")).userProperty("k", "v").build()));
  }
}
