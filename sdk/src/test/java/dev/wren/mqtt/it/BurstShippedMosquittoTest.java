package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.Await.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.Qos2Wire;
import dev.wren.mqtt.testing.TcpForwarder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bursts of 3,000 QoS 1 and QoS 2 messages from a client with default options through a Mosquitto
 * 2.0.11 with its shipped limits, which drops incoming QoS 2 messages beyond 20 in flight per
 * client while acknowledging them as delivered (no 3.1.1 client can tell). The default in-flight
 * window must keep every message: QoS 2 exactly once, QoS 1 at least once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BurstShippedMosquittoTest {
  private static final int N = 3_000;
  private static final ReconnectOptions FAST = ReconnectOptions.builder()
      .initialDelay(50, TimeUnit.MILLISECONDS).maxDelay(500, TimeUnit.MILLISECONDS).build();

  private Mosquitto broker;
  private final List<AutoCloseable> closeAfter = new ArrayList<>();

  @BeforeEach void needsMosquitto() {
    Mosquitto.assumeAvailable();
  }

  @AfterEach void stop() throws Exception {
    for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
    if (broker != null) broker.close();
  }

  @ParameterizedTest(name = "QoS {0}, clean session {1}")
  @CsvSource({"1, true", "2, true", "1, false", "2, false"})
  void aBurstArrivesWholeThroughAShippedBroker(int qos, boolean clean) throws Exception {
    broker = Mosquitto.start(); // a listener and allow_anonymous: nothing else changed
    Qos level = Qos.of(qos);
    String topic = "burst/" + qos + "/" + clean;
    Map<Integer, Integer> got = subscriber("burst-sub-" + qos + clean, topic, level, clean);
    MqttClient pub = client("burst-pub-" + qos + clean, b -> b.cleanSession(clean));
    List<Delivery> deliveries = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      deliveries.add(pub.publish(Message.of(topic, Integer.toString(i), level, false)));
    }
    for (Delivery d : deliveries) d.await(30, TimeUnit.SECONDS);
    assertArrived(got, level);
    assertEquals(N, pub.statistics().acknowledged());
  }

  @ParameterizedTest(name = "QoS {0}") @ValueSource(ints = {1, 2})
  void aBurstArrivesWholeAcrossFiveBrokerRestarts(int qos) throws Exception {
    broker = Mosquitto.builder().persistence(true)
        .keepEverythingQueued("the subscriber is offline for a moment after each restart and"
            + " must not lose what arrives meanwhile to the subscriber-side limit of 1000;"
            + " the publisher meets the shipped in-flight limit")
        .start();
    Qos level = Qos.of(qos);
    String topic = "burst/restarts/" + qos;
    Map<Integer, Integer> got = subscriber("burst-rsub-" + qos, topic, level, false);
    AtomicInteger connections = new AtomicInteger();
    ClientListener counting = new ClientListener() {
      @Override public void connected(String serverUri, boolean sessionPresent) {
        connections.incrementAndGet();
      }
    };
    // The publisher goes through a relay that records what it sends, to check exactly once on
    // its side of the wire.
    TcpForwarder relay = TcpForwarder.to(broker.port());
    closeAfter.add(relay);
    MqttClient pub = client("burst-rpub-" + qos, b -> b.serverUri(relay.uri()).cleanSession(false)
        .reconnect(FAST).queue(QueueOptions.memory(N)).listener(counting));
    AtomicReference<Throwable> restartFailure = new AtomicReference<>();
    Thread restarts = new Thread(() -> {
      try {
        for (int i = 0; i < 5; i++) {
          // Each restart meets a connected publisher: two restarts inside one backoff wait
          // would be one loss to the client.
          int before = i + 1;
          awaitTrue("publisher connection " + before, 15_000, () -> connections.get() >= before);
          Thread.sleep(400);
          broker.restart(); // SIGTERM: mosquitto saves its sessions
        }
      } catch (Throwable e) {
        restartFailure.set(e);
      }
    }, "burst-restarts");
    restarts.start();
    List<Delivery> deliveries = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      deliveries.add(pub.publish(Message.of(topic, Integer.toString(i), level, false)));
      if (i % 50 == 49) Thread.sleep(40); // spread the burst over the restarts
    }
    restarts.join();
    if (restartFailure.get() != null) throw new AssertionError("restarting failed", restartFailure.get());
    for (Delivery d : deliveries) d.await(60, TimeUnit.SECONDS);
    assertEquals(N, pub.statistics().acknowledged());
    // The last restart may come after the last acknowledgement; the reconnect follows it.
    awaitTrue("the publisher reconnected after every restart (" + connections.get()
        + " connections)", 15_000, () -> connections.get() >= 6);
    if (level == Qos.AT_LEAST_ONCE) {
      assertArrived(got, level);
      return;
    }
    Qos2Wire wire = Qos2Wire.check(relay.clientPackets());
    assertEquals(List.of(), wire.violations(), "the client sent a QoS 2 message twice");
    assertEquals(N, wire.messages(), "every message reached the broker");
    awaitAll(got);
    // Mosquitto 2.0.11 may deliver to a subscriber again, across its own restart, what that
    // subscriber had completed (whole runs of messages, more than its 20 in flight); the wire
    // check above shows those are not second sends of the publisher's.
    Thread.sleep(300);
    long twice = got.values().stream().filter(c -> c > 1).count();
    System.out.printf("QoS 2 burst across 5 restarts: %d of %d arrived, each sent once by the"
        + " client (checked on the wire); the subscriber saw %d more than once%n",
        got.size(), N, twice);
  }

  @Test void aWindowAboveTheBrokersLimitLosesQos2MessagesWithoutAWord() throws Exception {
    // Why the default window is what it is: the shipped broker acknowledges what it drops.
    broker = Mosquitto.start();
    Map<Integer, Integer> got = subscriber("wide-sub", "burst/wide", Qos.EXACTLY_ONCE, true);
    MqttClient pub = client("wide-pub", b -> b.maxInflight(100));
    List<Delivery> deliveries = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      deliveries.add(pub.publish(Message.of("burst/wide", Integer.toString(i), Qos.EXACTLY_ONCE, false)));
    }
    for (Delivery d : deliveries) d.await(30, TimeUnit.SECONDS);
    Thread.sleep(1_000);
    assertEquals(N, pub.statistics().acknowledged(), "every one was acknowledged as delivered");
    assertTrue(got.size() < N, "Mosquitto 2.0.11 as shipped keeps 20 incoming QoS 2 messages in"
        + " flight and drops the rest; if it no longer does, update docs/getting-started.md: "
        + got.size() + " of " + N + " arrived");
  }

  private MqttClient client(String id, UnaryOperator<MqttOptions.Builder> options)
      throws Exception {
    MqttClient client = new MqttClient(options.apply(MqttOptions.builder()
        .serverUri(broker.uri()).clientId(id)).build());
    closeAfter.add(client);
    client.connect();
    return client;
  }

  /** A Wren subscriber counting each numbered payload it receives. */
  private Map<Integer, Integer> subscriber(String id, String topic, Qos qos, boolean clean)
      throws Exception {
    Map<Integer, Integer> got = new ConcurrentHashMap<>();
    MqttClient sub = client(id, b -> b.cleanSession(clean).reconnect(FAST));
    sub.subscribe(topic, qos, m -> got.merge(Integer.parseInt(m.payloadAsString()), 1, Integer::sum));
    return got;
  }

  private static void assertArrived(Map<Integer, Integer> got, Qos qos) throws InterruptedException {
    awaitAll(got);
    if (qos == Qos.EXACTLY_ONCE) {
      Thread.sleep(300); // a late duplicate would arrive now
      List<Integer> twice = new ArrayList<>();
      got.forEach((n, count) -> {
        if (count > 1) twice.add(n);
      });
      assertEquals(List.of(), twice, "QoS 2 messages that arrived more than once");
    }
  }

  private static void awaitAll(Map<Integer, Integer> got) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (got.size() < N && System.currentTimeMillis() < deadline) Thread.sleep(20);
    if (got.size() < N) {
      TreeSet<Integer> missing = new TreeSet<>();
      for (int i = 0; i < N; i++) if (!got.containsKey(i)) missing.add(i);
      fail(missing.size() + " of " + N + " messages never arrived, e.g. "
          + new ArrayList<>(missing).subList(0, Math.min(20, missing.size())));
    }
  }
}
