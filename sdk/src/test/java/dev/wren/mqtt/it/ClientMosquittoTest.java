package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.Await.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.ConnectionRefusedException;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.Subscription;
import dev.wren.mqtt.Will;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.MosquittoClients;
import dev.wren.mqtt.testing.TcpForwarder;
import dev.wren.mqtt.testing.Wire;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client against a real Eclipse Mosquitto (one broker for the class, topics unique per test).
 * Skipped where mosquitto is not installed, except on CI where that fails.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientMosquittoTest {
  private static Mosquitto broker;
  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private String prefix;

  @BeforeAll static void startBroker() throws Exception {
    Mosquitto.assumeAvailable();
    broker = Mosquitto.builder().extraConfig("sys_interval 1").start();
  }

  @AfterAll static void stopBroker() throws Exception {
    if (broker != null) broker.close();
  }

  @org.junit.jupiter.api.BeforeEach void topicPrefix(TestInfo info) {
    prefix = "it/" + info.getTestMethod().orElseThrow().getName() + "/"
        + info.getDisplayName().replaceAll("[^A-Za-z0-9]", "");
  }

  @AfterEach void closeAll() throws Exception {
    for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
  }

  private String topic(String suffix) {
    return prefix + "/" + suffix;
  }

  private MqttClient client(String id, UnaryOperator<MqttOptions.Builder> options) {
    return client(broker.uri(), id, options);
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
    MqttClient c = client(id, b -> b);
    c.connect();
    return c;
  }


  // ---- connect -------------------------------------------------------------------------------

  @Test void connectsAndDisconnects() throws Exception {
    MqttClient c = client("wren-connect", b -> b);
    assertFalse(c.connect(), "clean session: no session present");
    assertTrue(c.isConnected());
    c.disconnect();
    assertFalse(c.isConnected());
    String log = broker.log();
    assertTrue(log.contains("New client connected") && log.contains("wren-connect"), log);
    assertTrue(log.contains("Received DISCONNECT from wren-connect"), log);
  }

  @Test void refusalWithBadPasswordAndUnknownUser() throws Exception {
    try (Mosquitto secured = Mosquitto.builder().user("alice", "right").start()) {
      MqttClient ok = client(secured.uri(), "alice-ok",
          b -> b.username("alice").password("right"));
      ok.connect();
      ok.disconnect();
      // Mosquitto 2.0.11 answers every failed MQTT 3.1.1 login (wrong password, unknown user, no
      // user) with CONNACK return code 5, not 4: `mosquitto_pub -d -u alice -P wrong` prints
      // "received CONNACK (5)". Code 4's mapping is covered by ClientFakeBrokerTest.
      for (String[] creds : new String[][] {{"alice", "wrong"}, {"mallory", "x"}, {null, null}}) {
        MqttClient c = client(secured.uri(), "refused", b -> b.username(creds[0]).password(creds[1]));
        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class, c::connect,
            "user " + creds[0]);
        assertInstanceOf(ConnectionRefusedException.NotAuthorizedException.class, e,
            "user " + creds[0] + ": " + e);
        assertEquals(5, e.code());
        assertFalse(c.isConnected());
      }
    }
  }

  // ---- QoS round trips -----------------------------------------------------------------------

  @ParameterizedTest(name = "QoS {0}")
  @EnumSource(Qos.class)
  void clientToClient(Qos qos) throws Exception {
    Inbox inbox = new Inbox("B");
    MqttClient b = connected("wren-b-" + qos.value());
    assertEquals(qos, b.subscribe(topic("x"), qos, inbox));
    MqttClient a = connected("wren-a-" + qos.value());
    Delivery d = a.publish(topic("x"), ("q" + qos.value()).getBytes(), qos, false);
    d.await(5, TimeUnit.SECONDS);
    assertTrue(d.isDelivered());
    Message m = inbox.take(5_000);
    assertEquals(topic("x"), m.topic());
    assertEquals("q" + qos.value(), m.payloadAsString());
    assertEquals(qos, m.qos());
    assertFalse(m.retain());
    inbox.assertNothingFor(200);
  }

  @ParameterizedTest(name = "QoS {0}")
  @EnumSource(Qos.class)
  void mosquittoPubToClient(Qos qos) throws Exception {
    Mosquitto.assumeClientsAvailable();
    Inbox inbox = new Inbox();
    MqttClient c = connected("wren-from-cli-" + qos.value());
    c.subscribe(topic("cli"), Qos.EXACTLY_ONCE, inbox);
    MosquittoClients.Result r = MosquittoClients.pub(broker, "-t", topic("cli"), "-m", "from cli",
        "-q", String.valueOf(qos.value()));
    assertEquals(0, r.exitCode(), r.toString());
    Message m = inbox.take(5_000);
    assertEquals("from cli", m.payloadAsString());
    assertEquals(qos, m.qos());
  }

  @ParameterizedTest(name = "QoS {0}")
  @EnumSource(Qos.class)
  void clientToMosquittoSub(Qos qos) throws Exception {
    Mosquitto.assumeClientsAvailable();
    try (MosquittoClients.Sub sub = MosquittoClients.startSub(broker, "-t", topic("cli"), "-v",
        "-q", "2", "-C", "1")) {
      MqttClient c = connected("wren-to-cli-" + qos.value());
      c.publish(topic("cli"), "to cli".getBytes(), qos, false).await(5, TimeUnit.SECONDS);
      assertEquals(topic("cli") + " to cli", sub.awaitLine(5_000));
    }
  }

  @Test void retainedMessageReachesALaterSubscriberWithRetainSet() throws Exception {
    MqttClient a = connected("wren-retain-a");
    a.publish(topic("r"), "kept".getBytes(), Qos.AT_LEAST_ONCE, true).await(5, TimeUnit.SECONDS);
    try {
      Inbox inbox = new Inbox();
      MqttClient b = connected("wren-retain-b");
      b.subscribe(topic("r"), Qos.AT_LEAST_ONCE, inbox);
      Message m = inbox.take(5_000);
      assertEquals("kept", m.payloadAsString());
      assertTrue(m.retain(), "a retained message sent on subscribe has RETAIN=1: " + m);
      // A live publish of a retained message to an existing subscriber has RETAIN=0.
      a.publish(topic("r"), "live".getBytes(), Qos.AT_LEAST_ONCE, true).await(5, TimeUnit.SECONDS);
      Message live = inbox.take(5_000);
      assertEquals("live", live.payloadAsString());
      assertFalse(live.retain(), "forwarded to an existing subscription: " + live);
    } finally {
      a.publish(topic("r"), new byte[0], Qos.AT_LEAST_ONCE, true).await(5, TimeUnit.SECONDS);
    }
  }

  // ---- routing to handlers -------------------------------------------------------------------

  @Test void wildcardsMatchLikeTheSpecAndHashSkipsSys() throws Exception {
    Inbox plus = new Inbox("+");
    Inbox hash = new Inbox("#");
    Inbox all = new Inbox("root #");
    Inbox sys = new Inbox("$SYS");
    MqttClient c = connected("wren-wild");
    c.subscribe(List.of(
        new Subscription(topic("+/t"), Qos.AT_LEAST_ONCE, plus),
        new Subscription(topic("h/#"), Qos.AT_LEAST_ONCE, hash)));
    MqttClient root = connected("wren-wild-root");
    root.subscribe(List.of(
        new Subscription("#", Qos.AT_MOST_ONCE, all),
        new Subscription("$SYS/broker/uptime", Qos.AT_MOST_ONCE, sys)));
    MqttClient pub = connected("wren-wild-pub");
    for (String t : List.of("a/t", "a/b/t", "h", "h/x/y", "z")) {
      pub.publish(topic(t), t.getBytes(), Qos.AT_LEAST_ONCE, false).await(5, TimeUnit.SECONDS);
    }
    assertEquals(topic("a/t"), plus.take(5_000).topic());
    assertEquals(topic("h"), hash.take(5_000).topic(), "h/# matches the parent level h");
    assertEquals(topic("h/x/y"), hash.take(5_000).topic());
    List<String> rootTopics = all.take(5, 5_000).stream().map(Message::topic).toList();
    assertEquals(List.of(topic("a/t"), topic("a/b/t"), topic("h"), topic("h/x/y"), topic("z")),
        rootTopics);
    Message uptime = sys.take(5_000); // sys_interval 1
    assertEquals("$SYS/broker/uptime", uptime.topic());
    plus.assertNothingFor(200);
    hash.assertNothingFor(0);
    for (Message m : all.all()) {
      assertFalse(m.topic().startsWith("$"), "# must not match topics starting with $: " + m);
    }
  }

  @Test void everyMatchingHandlerGetsTheMessageElseTheDefaultHandler() throws Exception {
    Inbox exact = new Inbox("exact");
    Inbox plus = new Inbox("plus");
    Inbox fallback = new Inbox("default");
    // A persistent session keeps a subscription the next client object has no handler for.
    MqttClient first = client("wren-default", b -> b.cleanSession(false));
    first.connect();
    first.subscribe(topic("orphan/#"), Qos.AT_LEAST_ONCE, m -> { });
    first.disconnect();

    MqttClient c = client("wren-default", b -> b.cleanSession(false).defaultHandler(fallback));
    assertTrue(c.connect(), "the broker kept the session");
    c.subscribe(topic("m/a"), Qos.AT_LEAST_ONCE, exact);
    c.subscribe(topic("m/+"), Qos.AT_LEAST_ONCE, plus);
    MqttClient pub = connected("wren-default-pub");
    pub.publish(topic("m/a"), "both".getBytes(), Qos.AT_LEAST_ONCE, false).await(5, TimeUnit.SECONDS);
    pub.publish(topic("orphan/1"), "nobody".getBytes(), Qos.AT_LEAST_ONCE, false)
        .await(5, TimeUnit.SECONDS);
    assertEquals("both", exact.take(5_000).payloadAsString());
    assertEquals("both", plus.take(5_000).payloadAsString());
    Message orphan = fallback.take(5_000);
    assertEquals(topic("orphan/1"), orphan.topic());
    fallback.assertNothingFor(300);
    assertEquals(1, exact.all().size(), "exact: " + exact);
    assertEquals(1, plus.all().size(), "plus: " + plus);
    c.unsubscribe(topic("orphan/#"));
  }

  // ---- Last Will -----------------------------------------------------------------------------

  private MqttClient willClient(String uri, String id, String willTopic) {
    return client(uri, id, b -> b.keepAliveSeconds(1)
        .will(Will.builder().topic(willTopic).payload("gone").qos(Qos.AT_LEAST_ONCE).build()));
  }

  @Test void willIsPublishedWhenTheLinkIsCut() throws Exception {
    Inbox wills = new Inbox("wills");
    connected("wren-will-watch").subscribe(topic("will"), Qos.AT_LEAST_ONCE, wills);
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      MqttClient c = willClient(fwd.uri(), "wren-will-cut", topic("will"));
      c.connect();
      fwd.cut(); // the broker sees the TCP connection end without DISCONNECT
      Message m = wills.take(5_000);
      assertEquals("gone", m.payloadAsString());
      awaitTrue("client notices the cut", 3_000, () -> !c.isConnected());
    }
  }

  @Test void willIsPublishedWhenTheLinkGoesSilent() throws Exception {
    Inbox wills = new Inbox("wills");
    connected("wren-will-watch2").subscribe(topic("will"), Qos.AT_LEAST_ONCE, wills);
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      MqttClient c = willClient(fwd.uri(), "wren-will-silent", topic("will"));
      c.connect();
      fwd.blackhole(); // no FIN, no RST: only keep-alive (1 s, broker waits 1.5 s) can tell
      Message m = wills.take(6_000);
      assertEquals("gone", m.payloadAsString());
      awaitTrue("client declares the silent link dead", 4_000, () -> !c.isConnected());
    }
  }

  @Test void willIsNotPublishedOnDisconnect() throws Exception {
    Inbox wills = new Inbox("wills");
    connected("wren-will-watch3").subscribe(topic("will"), Qos.AT_LEAST_ONCE, wills);
    MqttClient c = willClient(broker.uri(), "wren-will-polite", topic("will"));
    c.connect();
    c.disconnect();
    // Prove the watcher is live, then that no Will came before the marker.
    connected("wren-will-marker").publish(topic("will"), "marker".getBytes(), Qos.AT_LEAST_ONCE, false)
        .await(5, TimeUnit.SECONDS);
    assertEquals("marker", wills.take(5_000).payloadAsString(), "a Will arrived before the marker");
    wills.assertNothingFor(1_500);
  }

  // ---- keep-alive ----------------------------------------------------------------------------

  @Test void keepAliveIsSeenOnTheWire() throws Exception {
    try (TcpForwarder fwd = TcpForwarder.to(broker.port())) {
      MqttClient c = client(fwd.uri(), "wren-keepalive", b -> b.keepAliveSeconds(1));
      c.connect();
      awaitTrue("two PINGREQs through the relay", 4_000, () -> fwd.clientPackets(Wire.PINGREQ).size() >= 2);
      assertEquals(1, fwd.clientPackets(Wire.CONNECT).get(0).keepAliveSeconds());
      List<dev.wren.mqtt.testing.RecordedPacket> pings = fwd.clientPackets(Wire.PINGREQ);
      long gapMillis = (pings.get(1).receivedAtNanos() - pings.get(0).receivedAtNanos()) / 1_000_000;
      assertTrue(gapMillis >= 500 && gapMillis <= 1_600,
          "keep-alive 1 s, PINGREQs " + gapMillis + " ms apart");
      assertTrue(c.isConnected(), "PINGRESP answered, still connected");
      awaitTrue("broker log shows PINGREQ", 2_000,
          () -> broker.log().contains("Received PINGREQ from wren-keepalive"));
    }
  }

  // ---- handlers on the I/O thread ------------------------------------------------------------

  @Test void handlerCanPublishAReply() throws Exception {
    Inbox replies = new Inbox("replies");
    MqttClient listener = connected("wren-replies");
    listener.subscribe(topic("resp"), Qos.AT_LEAST_ONCE, replies);
    MqttClient responder = connected("wren-responder");
    responder.subscribe(topic("req"), Qos.AT_LEAST_ONCE, m -> {
      try {
        responder.publish(topic("resp"), ("re: " + m.payloadAsString()).getBytes(),
            Qos.AT_LEAST_ONCE, false);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    connected("wren-requester").publish(topic("req"), "ping".getBytes(), Qos.AT_LEAST_ONCE, false)
        .await(5, TimeUnit.SECONDS);
    assertEquals("re: ping", replies.take(5_000).payloadAsString());
  }

  @Test void waitingInsideAHandlerIsRefused() throws Exception {
    CompletableFuture<Throwable> fromAwait = new CompletableFuture<>();
    CompletableFuture<Throwable> fromSubscribe = new CompletableFuture<>();
    MqttClient c = connected("wren-await-in-handler");
    c.subscribe(topic("go"), Qos.AT_LEAST_ONCE, m -> {
      try {
        c.publish(topic("out"), new byte[] {1}, Qos.AT_LEAST_ONCE, false).await(1, TimeUnit.SECONDS);
        fromAwait.complete(null);
      } catch (Throwable t) {
        fromAwait.complete(t);
      }
      try {
        c.subscribe(topic("other"), Qos.AT_MOST_ONCE, x -> { });
        fromSubscribe.complete(null);
      } catch (Throwable t) {
        fromSubscribe.complete(t);
      }
    });
    c.publish(topic("go"), new byte[0], Qos.AT_MOST_ONCE, false);
    assertInstanceOf(IllegalStateException.class, fromAwait.get(5, TimeUnit.SECONDS),
        "Delivery.await on the I/O thread");
    assertInstanceOf(IllegalStateException.class, fromSubscribe.get(5, TimeUnit.SECONDS),
        "blocking subscribe on the I/O thread");
    assertTrue(c.isConnected());
  }

  // ---- threads -------------------------------------------------------------------------------

  @Test void exactlyOneThreadWhileConnectedAndNoneAfterClose() throws Exception {
    AtomicInteger made = new AtomicInteger();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    Inbox inbox = new Inbox();
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    MqttClient c = client("wren-threads", b -> b.threadFactory(r -> {
      Thread t = new Thread(r, "wren-it-io-" + made.incrementAndGet());
      threads.add(t);
      return t;
    }));
    c.connect();
    c.subscribe(topic("t"), Qos.EXACTLY_ONCE, inbox);
    c.publish(topic("t"), new byte[] {1}, Qos.EXACTLY_ONCE, false).await(5, TimeUnit.SECONDS);
    inbox.take(5_000);
    Set<Thread> added = new HashSet<>(Thread.getAllStackTraces().keySet());
    added.removeAll(before);
    added.removeIf(t -> !t.isAlive());
    assertEquals(1, made.get(), "threads made by the factory: " + threads);
    assertEquals(Set.of(threads.get(0)), added, "new threads while connected: " + added);
    assertEquals(threads.get(0), inbox.threads().get(0), "handler runs on the I/O thread");
    c.close();
    assertFalse(threads.get(0).isAlive(), "I/O thread still alive after close()");
    Set<Thread> left = new HashSet<>(Thread.getAllStackTraces().keySet());
    left.removeAll(before);
    left.removeIf(t -> !t.isAlive());
    assertEquals(Set.of(), left, "threads left after close()");
  }

  @Test void largeAndNonAsciiMessagesRoundTrip() throws Exception {
    Inbox inbox = new Inbox();
    String t = topic("grüße/€/𝄞");
    MqttClient b = connected("wren-large-b");
    b.subscribe(t, Qos.AT_LEAST_ONCE, inbox);
    byte[] big = new byte[300_000]; // a 3-byte remaining length
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
    MqttClient a = connected("wren-large-a");
    a.publish(t, big, Qos.AT_LEAST_ONCE, false).await(5, TimeUnit.SECONDS);
    a.publish(t, "ünïcödé 𝄞".getBytes(java.nio.charset.StandardCharsets.UTF_8), Qos.AT_MOST_ONCE, false);
    Message m = inbox.take(5_000);
    assertEquals(t, m.topic());
    org.junit.jupiter.api.Assertions.assertArrayEquals(big, m.payload());
    assertEquals("ünïcödé 𝄞", inbox.take(5_000).payloadAsString());
  }
}
