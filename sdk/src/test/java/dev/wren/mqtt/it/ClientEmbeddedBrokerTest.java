package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.testing.EmbeddedBroker;
import dev.wren.mqtt.testing.Inbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's core round trips against Moquette in-process, so a build without mosquitto still
 * covers them. Moquette quirks (BROKERS.md) keep retained-message checks out of this class.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientEmbeddedBrokerTest {
  private static EmbeddedBroker broker;
  private final List<MqttClient> clients = new ArrayList<>();

  @BeforeAll static void startBroker() throws Exception {
    broker = EmbeddedBroker.start();
  }

  @AfterAll static void stopBroker() {
    if (broker != null) broker.close();
  }

  @AfterEach void closeClients() {
    for (MqttClient c : clients) c.close();
  }

  private MqttClient connected(String id, UnaryOperator<MqttOptions.Builder> options)
      throws Exception {
    MqttClient c = new MqttClient(options.apply(MqttOptions.builder()
        .serverUri(broker.uri())
        .clientId(id)
        .connectTimeout(5, TimeUnit.SECONDS)
        .operationTimeout(5, TimeUnit.SECONDS)).build());
    clients.add(c);
    c.connect();
    if (!id.isEmpty()) broker.awaitClientConnected(id, 5_000); // Moquette race, see there
    return c;
  }

  private MqttClient connected(String id) throws Exception {
    return connected(id, b -> b);
  }

  @Test void connectsWithAnEmptyClientIdAndDisconnects() throws Exception {
    MqttClient c = connected("");
    assertTrue(c.isConnected());
    c.disconnect();
    assertFalse(c.isConnected());
  }

  @ParameterizedTest(name = "QoS {0}")
  @EnumSource(Qos.class)
  void publishAndReceive(Qos qos) throws Exception {
    String topic = "embedded/qos" + qos.value();
    Inbox inbox = new Inbox();
    MqttClient sub = connected("emb-sub-" + qos.value());
    assertEquals(qos, sub.subscribe(topic, qos, inbox));
    MqttClient pub = connected("emb-pub-" + qos.value());
    Delivery d = pub.publish(Message.of(topic, "payload " + qos.value(), qos, false));
    d.await(5, TimeUnit.SECONDS);
    assertTrue(d.isDelivered());
    Message m = inbox.take(5_000);
    assertEquals(topic, m.topic());
    assertEquals("payload " + qos.value(), m.payloadAsString());
    assertEquals(qos, m.qos());
    inbox.assertNothingFor(200);
  }

  @Test void unsubscribeStopsDelivery() throws Exception {
    Inbox stopped = new Inbox("stopped");
    Inbox marker = new Inbox("marker");
    MqttClient sub = connected("emb-unsub");
    sub.subscribe("embedded/unsub/a", Qos.AT_LEAST_ONCE, stopped);
    sub.subscribe("embedded/unsub/marker", Qos.AT_LEAST_ONCE, marker);
    MqttClient pub = connected("emb-unsub-pub");
    pub.publish(Message.of("embedded/unsub/a", "before", Qos.AT_LEAST_ONCE, false))
        .await(5, TimeUnit.SECONDS);
    assertEquals("before", stopped.take(5_000).payloadAsString());
    sub.unsubscribe("embedded/unsub/a");
    pub.publish(Message.of("embedded/unsub/a", "after", Qos.AT_LEAST_ONCE, false))
        .await(5, TimeUnit.SECONDS);
    // The broker forwards in order: once the marker is in, "after" would have been too.
    pub.publish(Message.of("embedded/unsub/marker", "m", Qos.AT_LEAST_ONCE, false))
        .await(5, TimeUnit.SECONDS);
    marker.take(5_000);
    stopped.assertNothingFor(200);
    assertEquals(1, stopped.all().size(), "after unsubscribe: " + stopped);
  }

  @Test void manyMessagesArriveInOrderThroughASmallWindow() throws Exception {
    int n = 300;
    Inbox inbox = new Inbox();
    MqttClient sub = connected("emb-order-sub", b -> b.maxInflight(2));
    sub.subscribe("embedded/order", Qos.AT_LEAST_ONCE, inbox);
    MqttClient pub = connected("emb-order-pub", b -> b.maxInflight(2));
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      deliveries.add(pub.publish(Message.of("embedded/order", Integer.toString(i),
          Qos.AT_LEAST_ONCE, false)));
    }
    for (Delivery d : deliveries) d.await(10, TimeUnit.SECONDS);
    List<Message> got = inbox.take(n, 15_000);
    for (int i = 0; i < n; i++) {
      assertEquals(Integer.toString(i), got.get(i).payloadAsString(), "message " + i + " of " + n);
    }
    inbox.assertNothingFor(200);
  }

  /** Moquette as shipped (no limit changed): a 3,000-message burst from default options. */
  @ParameterizedTest(name = "QoS {0}") @EnumSource(value = Qos.class, names = {"AT_LEAST_ONCE", "EXACTLY_ONCE"})
  void aBurstOf3000ArrivesWhole(Qos qos) throws Exception {
    int n = 3_000;
    String topic = "embedded/burst/" + qos.value();
    Map<Integer, Integer> got = new ConcurrentHashMap<>();
    MqttClient sub = connected("emb-burst-sub-" + qos.value());
    sub.subscribe(topic, qos, m -> got.merge(Integer.parseInt(m.payloadAsString()), 1, Integer::sum));
    MqttClient pub = connected("emb-burst-pub-" + qos.value());
    List<Delivery> deliveries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) deliveries.add(pub.publish(Message.of(topic, Integer.toString(i), qos, false)));
    for (Delivery d : deliveries) d.await(30, TimeUnit.SECONDS);
    long deadline = System.currentTimeMillis() + 30_000;
    while (got.size() < n && System.currentTimeMillis() < deadline) Thread.sleep(20);
    Thread.sleep(300); // a duplicate would arrive now
    assertEquals(n, got.size(), "distinct messages that arrived");
    if (qos == Qos.EXACTLY_ONCE) {
      assertEquals(0, got.values().stream().filter(c -> c > 1).count(), "QoS 2 duplicates");
    }
  }
}
