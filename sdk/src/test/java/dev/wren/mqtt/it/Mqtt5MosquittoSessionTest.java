package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.ProtocolVersion;
import dev.wren.mqtt.PublishFailedException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.UserProperty;
import dev.wren.mqtt.Will;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.RecordingListener;
import dev.wren.mqtt.testing.TcpForwarder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The MQTT 5.0 client against a real Mosquitto 2.0.11 for what takes time or a limit: Receive
 * Maximum, message expiry, delayed Wills, session expiry and Maximum Packet Size. The shared broker
 * has the shipped limits; a test about a limit starts its own broker with that one line changed.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class Mqtt5MosquittoSessionTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static Mosquitto broker;
  private final List<AutoCloseable> closeAfter = new ArrayList<>();

  @BeforeAll static void startBroker() throws Exception {
    Mosquitto.assumeAvailable();
    broker = Mosquitto.start();
  }

  @AfterAll static void stopBroker() throws Exception {
    if (broker != null) broker.close();
  }

  @AfterEach void closeAll() throws Exception {
    for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
  }

  private static String topic(String name) {
    return "v5s/" + name + "/" + IDS.incrementAndGet();
  }

  private MqttClient client(String uri, String id, UnaryOperator<MqttOptions.Builder> options) {
    MqttClient c = new MqttClient(options.apply(MqttOptions.builder()
        .serverUri(uri).clientId(id).protocolVersion(ProtocolVersion.MQTT_5_0)
        .connectTimeout(5, TimeUnit.SECONDS).operationTimeout(5, TimeUnit.SECONDS)).build());
    closeAfter.add(c);
    return c;
  }

  private MqttClient connected(String uri, String id) throws Exception {
    MqttClient c = client(uri, id, b -> b);
    c.connect();
    return c;
  }

  // ---- Receive Maximum ----------------------------------------------------------------------------

  @ParameterizedTest(name = "QoS {0}")
  @EnumSource(value = Qos.class, names = {"AT_LEAST_ONCE", "EXACTLY_ONCE"})
  void receiveMaximumFiveHoldsBackAClientAllowedTwentyAndNothingIsLost(Qos qos) throws Exception {
    // max_inflight_messages 5: the test is about the Receive Maximum Mosquitto derives from it.
    try (Mosquitto small = Mosquitto.builder().limit("max_inflight_messages", "5",
        "the test is about the Receive Maximum announced from max_inflight_messages").start()) {
      String t = topic("recv-max");
      Inbox inbox = new Inbox();
      connected(small.uri(), "v5-rm-sub-" + qos.value()).subscribe(t, qos, inbox);
      RecordingListener events = new RecordingListener();
      MqttClient pub = client(small.uri(), "v5-rm-pub-" + qos.value(),
          b -> b.maxInflight(20).listener(events));
      pub.connect();
      assertEquals(5, pub.serverCapabilities().receiveMaximum(), pub.serverCapabilities().toString());
      // Samples what the client has in flight while the stream runs: never above the broker's 5.
      AtomicInteger maxInflight = new AtomicInteger();
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler = new Thread(() -> {
        while (sampling.get()) maxInflight.accumulateAndGet(pub.statistics().inflight(), Math::max);
      }, "inflight-sampler");
      sampler.start();
      int n = 200;
      List<Delivery> deliveries = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          deliveries.add(pub.publish(t, ("m" + i).getBytes(), qos, false));
        }
        // A QoS 2 message beyond Mosquitto's quota would fail here with PUBREC 0x97.
        for (Delivery d : deliveries) d.await(20, TimeUnit.SECONDS);
      } finally {
        sampling.set(false);
        sampler.join();
      }
      assertTrue(maxInflight.get() > 0 && maxInflight.get() <= 5,
          "in flight at most " + maxInflight.get() + "; Receive Maximum 5");
      List<Message> got = inbox.take(n, 20_000);
      for (int i = 0; i < n; i++) assertEquals("m" + i, got.get(i).payloadAsString(), "in order");
      inbox.assertNothingFor(300);
      assertEquals(List.of("connected " + small.uri() + " session=false"), events.all(),
          "one connection, no loss");
      // The broker's own log agrees: never more than 5 of this client's PUBLISHes unanswered.
      int outstanding = 0;
      int most = 0;
      String id = "v5-rm-pub-" + qos.value();
      for (String line : small.log().split("\n")) {
        if (line.contains("Received PUBLISH from " + id + " (")) {
          most = Math.max(most, ++outstanding);
        } else if (line.contains("Sending PUBACK to " + id + " (")
            || line.contains("Sending PUBCOMP to " + id + " (")) {
          outstanding--;
        }
      }
      assertTrue(most >= 1 && most <= 5, "the broker saw " + most + " in flight");
      assertFalse(small.log().contains("quota"), "nothing dropped for quota");
    }
  }

  // ---- message expiry ---------------------------------------------------------------------------

  @Test void aRetainedMessageExpiresAtTheBroker() throws Exception {
    String t = topic("expiry");
    MqttClient pub = connected(broker.uri(), "v5-exp-pub");
    try {
      pub.publish(Message.builder().topic(t).payload("short-lived").qos(Qos.AT_LEAST_ONCE)
          .retain(true).expiresAfter(2, TimeUnit.SECONDS).build()).await(5, TimeUnit.SECONDS);
      Inbox early = new Inbox("early");
      connected(broker.uri(), "v5-exp-early").subscribe(t, Qos.AT_LEAST_ONCE, early);
      Message m = early.take(3_000);
      assertEquals("short-lived", m.payloadAsString());
      assertTrue(m.retain());
      assertTrue(m.expiresAfterMillis() > 0 && m.expiresAfterMillis() <= 2_000,
          "expiresAfterMillis " + m.expiresAfterMillis());
      Thread.sleep(3_000);
      Inbox late = new Inbox("late");
      connected(broker.uri(), "v5-exp-late").subscribe(t, Qos.AT_LEAST_ONCE, late);
      late.assertNothingFor(1_000);
    } finally {
      pub.publish(t, new byte[0], Qos.AT_LEAST_ONCE, true).await(5, TimeUnit.SECONDS);
    }
  }

  /**
   * A message queued in the client while the link is down goes out, on reconnect, with the
   * Message Expiry Interval it has left (not the one it was given), and Mosquitto forwards that.
   */
  @Test void aMessageQueuedOfflineInTheClientCarriesTheExpiryItHasLeft() throws Exception {
    String t = topic("expiry-left");
    Inbox inbox = new Inbox();
    connected(broker.uri(), "v5-exp-left-sub").subscribe(t, Qos.AT_LEAST_ONCE, inbox);
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      RecordingListener events = new RecordingListener();
      MqttClient c = client(fwd.uri(), "v5-exp-left", b -> b.listener(events)
          .reconnect(ReconnectOptions.builder().initialDelay(100, TimeUnit.MILLISECONDS)
              .maxDelay(200, TimeUnit.MILLISECONDS).build()));
      c.connect();
      events.take("connected", 2_000);
      fwd.refuse(true);
      fwd.cut();
      events.take("disconnected", 5_000);
      Delivery d = c.publish(Message.builder().topic(t).payload("queued").qos(Qos.AT_LEAST_ONCE)
          .expiresAfter(10, TimeUnit.SECONDS).build());
      Thread.sleep(3_000);
      fwd.refuse(false);
      d.await(10, TimeUnit.SECONDS);
      Message m = inbox.take(5_000);
      assertEquals("queued", m.payloadAsString());
      // 3 s of the 10 were spent in the client's queue: 7 s left (rounded up to whole seconds).
      assertTrue(m.expiresAfterMillis() >= 6_000 && m.expiresAfterMillis() <= 8_000,
          "expiresAfterMillis " + m.expiresAfterMillis());
    }
  }

  // ---- Will Delay Interval ----------------------------------------------------------------------

  private MqttClient willClient(String uri, String id, String willTopic) {
    // The session must outlive the Will delay: a session that ends at once publishes the Will at
    // once (the Will is sent at the earlier of the delay and the session's end).
    return client(uri, id, b -> b.cleanSession(false).sessionExpiry(60, TimeUnit.SECONDS)
        .reconnect(ReconnectOptions.disabled())
        .will(Will.builder().topic(willTopic).payload("gone").qos(Qos.AT_LEAST_ONCE)
            .delay(2, TimeUnit.SECONDS).build()));
  }

  @Test void aDelayedWillArrivesAfterTheDelay() throws Exception {
    String t = topic("will");
    Inbox wills = new Inbox("wills");
    connected(broker.uri(), "v5-will-watch").subscribe(t, Qos.AT_LEAST_ONCE, wills);
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      MqttClient c = willClient(fwd.uri(), "v5-will-late", t);
      c.connect();
      long cut = System.nanoTime();
      fwd.cut(); // the broker sees the TCP connection end without DISCONNECT
      Message m = wills.take(6_000);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);
      assertEquals("gone", m.payloadAsString());
      assertTrue(millis >= 1_800, "Will after " + millis + " ms; the delay is 2 s");
    }
  }

  @Test void resumingTheSessionWithinTheDelayCancelsTheWill() throws Exception {
    String t = topic("will-cancel");
    Inbox wills = new Inbox("wills");
    connected(broker.uri(), "v5-will-watch2").subscribe(t, Qos.AT_LEAST_ONCE, wills);
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      MqttClient c = willClient(fwd.uri(), "v5-will-back", t);
      c.connect();
      fwd.cut();
      Thread.sleep(500);
      MqttClient back = client(broker.uri(), "v5-will-back",
          b -> b.cleanSession(false).sessionExpiry(60, TimeUnit.SECONDS));
      assertTrue(back.connect(), "the session is resumed");
      wills.assertNothingFor(3_500); // past the 2 s delay with margin for the broker's 1 s tick
      back.disconnect();
    }
    // Prove the watcher was listening all along.
    connected(broker.uri(), "v5-will-marker").publish(t, "marker".getBytes(), Qos.AT_LEAST_ONCE,
        false).await(5, TimeUnit.SECONDS);
    assertEquals("marker", wills.take(5_000).payloadAsString());
  }

  @Test void theClientsOwnReconnectWithinTheDelayCancelsTheWill() throws Exception {
    String t = topic("will-auto");
    Inbox wills = new Inbox("wills");
    connected(broker.uri(), "v5-will-watch3").subscribe(t, Qos.AT_LEAST_ONCE, wills);
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      RecordingListener events = new RecordingListener();
      MqttClient c = client(fwd.uri(), "v5-will-auto", b -> b.cleanSession(false)
          .sessionExpiry(60, TimeUnit.SECONDS).listener(events)
          .reconnect(ReconnectOptions.builder().initialDelay(200, TimeUnit.MILLISECONDS).build())
          .will(Will.builder().topic(t).payload("gone").qos(Qos.AT_LEAST_ONCE)
              .delay(2, TimeUnit.SECONDS).build()));
      c.connect();
      events.take("connected", 2_000);
      fwd.cut();
      String back = events.take("connected", 5_000);
      assertTrue(back.endsWith("session=true"), back + "; all: " + events.all());
      wills.assertNothingFor(3_500);
      c.disconnect();
    }
  }

  @Test void aWillCarriesItsPropertiesThroughMosquitto() throws Exception {
    String t = topic("will-props");
    Inbox wills = new Inbox("wills");
    connected(broker.uri(), "v5-will-watch4").subscribe(t, Qos.AT_LEAST_ONCE, wills);
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      MqttClient c = client(fwd.uri(), "v5-will-props", b -> b
          .reconnect(ReconnectOptions.disabled())
          .will(Will.builder().topic(t).payload("{\"up\":false}").qos(Qos.AT_LEAST_ONCE)
              .userProperty("why", "lost").contentType("application/json")
              .responseTopic("ask/again").correlationData(new byte[] {9})
              .payloadFormatUtf8(true).expiry(60, TimeUnit.SECONDS).build()));
      c.connect();
      fwd.cut();
      Message m = wills.take(5_000);
      assertEquals("{\"up\":false}", m.payloadAsString());
      assertEquals(List.of(UserProperty.of("why", "lost")), m.userProperties());
      assertEquals("application/json", m.contentType());
      assertEquals("ask/again", m.responseTopic());
      assertArrayEquals(new byte[] {9}, m.correlationData());
      assertTrue(m.payloadFormatUtf8());
      assertTrue(m.expiresAfterMillis() > 0 && m.expiresAfterMillis() <= 60_000,
          "expiresAfterMillis " + m.expiresAfterMillis());
    }
  }

  @Test void aSessionResumedByTheClientsOwnReconnectGetsWhatArrivedWhileTheLinkWasDown()
      throws Exception {
    String t = topic("session-auto");
    Inbox inbox = new Inbox();
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      RecordingListener events = new RecordingListener();
      MqttClient c = client(fwd.uri(), "v5-sess-auto", b -> b.cleanSession(false)
          .sessionExpiry(60, TimeUnit.SECONDS).listener(events)
          .reconnect(ReconnectOptions.builder().initialDelay(100, TimeUnit.MILLISECONDS).build()));
      c.connect();
      c.subscribe(t, Qos.AT_LEAST_ONCE, inbox);
      events.take("connected", 2_000);
      fwd.refuse(true);
      fwd.cut();
      events.take("disconnected", 5_000);
      MqttClient pub = connected(broker.uri(), "v5-sess-auto-pub");
      for (int i = 0; i < 5; i++) {
        pub.publish(t, ("away " + i).getBytes(), Qos.AT_LEAST_ONCE, false)
            .await(5, TimeUnit.SECONDS);
      }
      fwd.refuse(false);
      String back = events.take("connected", 10_000);
      assertTrue(back.endsWith("session=true"), back);
      List<Message> got = inbox.take(5, 5_000);
      for (int i = 0; i < 5; i++) assertEquals("away " + i, got.get(i).payloadAsString());
      c.unsubscribe(t);
    }
  }

  // ---- Session Expiry Interval --------------------------------------------------------------------

  @Test void aSessionThatHasNotExpiredKeepsWhatArrivedWhileOffline() throws Exception {
    String t = topic("session");
    MqttClient first = client(broker.uri(), "v5-sess-60",
        b -> b.cleanSession(false).sessionExpiry(60, TimeUnit.SECONDS));
    first.connect();
    first.subscribe(t, Qos.AT_LEAST_ONCE, m -> { });
    first.disconnect();
    connected(broker.uri(), "v5-sess-60-pub").publish(t, "while away".getBytes(),
        Qos.AT_LEAST_ONCE, false).await(5, TimeUnit.SECONDS);
    Inbox inbox = new Inbox();
    MqttClient again = client(broker.uri(), "v5-sess-60",
        b -> b.cleanSession(false).sessionExpiry(60, TimeUnit.SECONDS).defaultHandler(inbox));
    assertTrue(again.connect(), "session present");
    Message m = inbox.take(5_000);
    assertEquals("while away", m.payloadAsString());
    assertEquals(Qos.AT_LEAST_ONCE, m.qos());
    again.unsubscribe(t);
  }

  @Test void aMessageQueuedForAnOfflineSessionExpiresThereAndTheRestShowTheirTimeLeft()
      throws Exception {
    String t = topic("session-expiry-msg");
    MqttClient first = client(broker.uri(), "v5-sess-msgexp",
        b -> b.cleanSession(false).sessionExpiry(60, TimeUnit.SECONDS));
    first.connect();
    first.subscribe(t, Qos.AT_LEAST_ONCE, m -> { });
    first.disconnect();
    MqttClient pub = connected(broker.uri(), "v5-sess-msgexp-pub");
    pub.publish(Message.builder().topic(t).payload("short").qos(Qos.AT_LEAST_ONCE)
        .expiresAfter(1, TimeUnit.SECONDS).build()).await(5, TimeUnit.SECONDS);
    pub.publish(Message.builder().topic(t).payload("long").qos(Qos.AT_LEAST_ONCE)
        .expiresAfter(30, TimeUnit.SECONDS).build()).await(5, TimeUnit.SECONDS);
    Thread.sleep(2_500);
    Inbox inbox = new Inbox();
    MqttClient again = client(broker.uri(), "v5-sess-msgexp",
        b -> b.cleanSession(false).sessionExpiry(60, TimeUnit.SECONDS).defaultHandler(inbox));
    assertTrue(again.connect(), "session present");
    Message m = inbox.take(5_000);
    assertEquals("long", m.payloadAsString(), "the 1 s message expired in the broker's queue");
    // Mosquitto sends what is left of the 30 s: 2.5 s were spent in its queue.
    assertTrue(m.expiresAfterMillis() >= 25_000 && m.expiresAfterMillis() <= 28_000,
        "expiresAfterMillis " + m.expiresAfterMillis());
    inbox.assertNothingFor(300);
    again.unsubscribe(t);
  }

  @Test void aSessionExpiresAfterItsInterval() throws Exception {
    MqttClient first = client(broker.uri(), "v5-sess-1",
        b -> b.cleanSession(false).sessionExpiry(1, TimeUnit.SECONDS));
    first.connect();
    first.subscribe(topic("session-short"), Qos.AT_LEAST_ONCE, m -> { });
    first.disconnect();
    Thread.sleep(2_000);
    MqttClient again = client(broker.uri(), "v5-sess-1",
        b -> b.cleanSession(false).sessionExpiry(1, TimeUnit.SECONDS));
    assertFalse(again.connect(), "the session expired");
  }

  @Test void aSessionThatExpiredWhileTheLinkWasDownIsSubscribedAgainOnReconnect()
      throws Exception {
    String t = topic("session-resubscribe");
    Inbox inbox = new Inbox();
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      RecordingListener events = new RecordingListener();
      MqttClient c = client(fwd.uri(), "v5-sess-resub", b -> b.cleanSession(false)
          .sessionExpiry(1, TimeUnit.SECONDS).listener(events)
          .reconnect(ReconnectOptions.builder().initialDelay(100, TimeUnit.MILLISECONDS)
              .maxDelay(200, TimeUnit.MILLISECONDS).build()));
      c.connect();
      c.subscribe(t, Qos.AT_LEAST_ONCE, inbox);
      events.take("connected", 2_000);
      fwd.refuse(true);
      fwd.cut();
      events.take("disconnected", 5_000);
      Thread.sleep(2_500); // past the 1 s session expiry (Mosquitto checks about once a second)
      fwd.refuse(false);
      String back = events.take("connected", 5_000);
      assertTrue(back.endsWith("session=false"), back);
      awaitSubscribed(t);
      connected(broker.uri(), "v5-sess-resub-pub").publish(t, "after".getBytes(),
          Qos.AT_LEAST_ONCE, false).await(5, TimeUnit.SECONDS);
      assertEquals("after", inbox.take(5_000).payloadAsString());
    }
  }

  /** Waits until the broker's log shows a second SUBSCRIBE to {@code filter}. */
  private static void awaitSubscribed(String filter) throws InterruptedException {
    dev.wren.mqtt.testing.Await.awaitTrue("SUBSCRIBE again to " + filter, 5_000,
        () -> broker.log().split("\t" + filter + " \\(QoS", -1).length >= 3);
  }

  // ---- Maximum Packet Size ----------------------------------------------------------------------

  @Test void aPublishAboveTheAnnouncedMaximumPacketSizeFailsBeforeSending() throws Exception {
    // max_packet_size 100: the test is about the Maximum Packet Size Mosquitto announces from it.
    try (Mosquitto small = Mosquitto.builder().limit("max_packet_size", "100",
        "the test is about the Maximum Packet Size announced from max_packet_size").start()) {
      String t = topic("size");
      Inbox inbox = new Inbox();
      connected(small.uri(), "v5-size-sub").subscribe(t, Qos.AT_LEAST_ONCE, inbox);
      MqttClient pub = connected(small.uri(), "v5-size-pub");
      assertEquals(100, pub.serverCapabilities().maximumPacketSize());
      for (Qos qos : Qos.values()) {
        PublishFailedException e = assertThrows(PublishFailedException.class,
            () -> pub.publish(t, new byte[200], qos, false), "QoS " + qos);
        assertEquals(0x95, e.reasonCode(), e.toString());
      }
      pub.publish(t, "small".getBytes(), Qos.AT_LEAST_ONCE, false).await(5, TimeUnit.SECONDS);
      assertEquals("small", inbox.take(5_000).payloadAsString());
      inbox.assertNothingFor(300);
      assertTrue(pub.isConnected());
      assertFalse(small.log().contains("200 bytes"), "nothing of 200 bytes reached the broker");
    }
  }
}
