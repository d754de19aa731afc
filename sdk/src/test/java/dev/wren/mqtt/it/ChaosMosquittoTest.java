package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.ProtocolVersion;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.MosquittoClients;
import dev.wren.mqtt.testing.Qos2Wire;
import dev.wren.mqtt.testing.TcpForwarder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Streams of QoS 1 and QoS 2 messages from a Wren client with a persistent session, through a
 * fault-injecting relay, to a persistent {@code mosquitto_sub}, while the broker is restarted and
 * the relay cuts the link. Counts what the subscriber got: nothing may be missing, and for QoS 2
 * nothing twice. A {@code kill -9} of the broker loses what the broker had acknowledged but not
 * saved; that test separates the broker's losses from the client's.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ChaosMosquittoTest {
  /** The version the publisher and mosquitto_sub speak; {@link Chaos5MosquittoTest} says 5.0. */
  ProtocolVersion version() {
    return ProtocolVersion.MQTT_3_1_1;
  }

  private static final ReconnectOptions FAST = ReconnectOptions.builder()
      .initialDelay(50, TimeUnit.MILLISECONDS).maxDelay(500, TimeUnit.MILLISECONDS).build();

  private Mosquitto broker;
  private TcpForwarder relay;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach void start() throws Exception {
    Mosquitto.assumeAvailable();
    Mosquitto.assumeClientsAvailable();
    broker = Mosquitto.builder().persistence(true)
        // The publisher meets the shipped in-flight limit (20); only the subscriber's side is
        // lifted, since mosquitto_sub is offline after every restart for up to a second.
        .keepEverythingQueued("mosquitto_sub reconnects about a second after each restart;"
            + " what arrives meanwhile must not meet the subscriber-side limit of 1000")
        // Saves sessions within a second, so the subscriber's survives a kill -9.
        .extraConfig("autosave_interval 1")
        .start();
    relay = TcpForwarder.to(broker.port());
  }

  @AfterEach void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    if (relay != null) relay.close();
    if (broker != null) broker.close();
  }

  private MqttClient publisher(String id, QueueOptions queue) throws Exception {
    return publisher(id, queue, new ClientListener() {});
  }

  private MqttClient publisher(String id, QueueOptions queue, ClientListener listener)
      throws Exception {
    MqttClient client = new MqttClient(MqttOptions.builder().serverUri(relay.uri()).clientId(id)
        .protocolVersion(version())
        .cleanSession(false).keepAliveSeconds(5).reconnect(FAST).queue(queue).listener(listener)
        .connectTimeout(3, TimeUnit.SECONDS).build());
    closeables.add(client);
    client.connect();
    return client;
  }

  private MosquittoClients.Sub subscriber(String topic, int qos) throws Exception {
    // mosquitto_sub speaks 3.1.1 under both versions: what is under test is the publisher. (A
    // mosquitto_sub -V mqttv5 -c -x 3600 subscriber received 290 of 5,000 QoS 2 messages across
    // the restarts on 2026-12-03 while the 5.0 publisher had every PUBCOMP, and the same
    // publisher's stream reaches a 3.1.1 mosquitto_sub whole: a broker-side loss, left to look at.)
    MosquittoClients.Sub sub = MosquittoClients.startSub(broker, "-c", "-i", "chaos-sub-" + qos,
        "-q", String.valueOf(qos), "-t", topic);
    closeables.add(sub);
    return sub;
  }

  /** Publishes {@code n} numbered messages at a pace that spreads them over the chaos. */
  private List<Delivery> stream(MqttClient client, String topic, Qos qos, int n) throws Exception {
    List<Delivery> deliveries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      deliveries.add(client.publish(Message.of(topic, Integer.toString(i), qos, false)));
      if (i % 10 == 9) Thread.sleep(8);
    }
    return deliveries;
  }

  /** Runs {@code faults} on another thread while the stream goes; {@link Chaos#join} rethrows. */
  private static Chaos chaos(String name, ChaosStep faults) {
    Chaos chaos = new Chaos();
    chaos.thread = new Thread(() -> {
      try {
        faults.run();
      } catch (Throwable e) {
        chaos.failure.set(e);
      }
    }, name);
    chaos.thread.start();
    return chaos;
  }

  private static final class Chaos {
    Thread thread;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    void join() throws InterruptedException {
      thread.join();
      if (failure.get() != null) throw new AssertionError("the fault injection failed", failure.get());
    }
  }

  /** A stream of {@code n} messages through ten restarts and ten cuts, all delivered. */
  private MqttClient streamThroughChaos(MosquittoClients.Sub sub, String topic, Qos qos, int n)
      throws Exception {
    MqttClient client = publisher("chaos-pub-" + qos.value(), QueueOptions.memory(n));
    Chaos faults = chaos("chaos-" + topic, this::restartsAndCuts);
    List<Delivery> deliveries = stream(client, topic, qos, n);
    faults.join();
    for (Delivery d : deliveries) d.await(60, TimeUnit.SECONDS);
    awaitAll(sub, n, 60_000);
    return client;
  }

  interface ChaosStep {
    void run() throws Exception;
  }

  private void restartsAndCuts() throws Exception {
    for (int i = 0; i < 10; i++) {
      Thread.sleep(250);
      broker.restart(); // SIGTERM: mosquitto saves its sessions and queued messages
      Thread.sleep(250);
      relay.cut();
    }
  }

  private static Map<Integer, Integer> counts(List<String> lines) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (String line : lines) counts.merge(Integer.parseInt(line.trim()), 1, Integer::sum);
    return counts;
  }

  private static void awaitAll(MosquittoClients.Sub sub, int n, long timeoutMillis) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (counts(sub.lines()).size() < n) {
      if (System.currentTimeMillis() > deadline) {
        TreeSet<Integer> missing = new TreeSet<>();
        Map<Integer, Integer> got = counts(sub.lines());
        for (int i = 0; i < n; i++) if (!got.containsKey(i)) missing.add(i);
        fail(missing.size() + " of " + n + " messages never arrived, e.g. "
            + new ArrayList<>(missing).subList(0, Math.min(20, missing.size())));
      }
      Thread.sleep(50);
    }
  }

  @Test void qos1StreamLosesNothingAcrossTenRestartsAndTenCuts() throws Exception {
    int n = 10_000;
    MosquittoClients.Sub sub = subscriber("chaos/q1", 1);
    MqttClient client = streamThroughChaos(sub, "chaos/q1", Qos.AT_LEAST_ONCE, n);
    Map<Integer, Integer> got = counts(sub.lines());
    long duplicates = got.values().stream().filter(c -> c > 1).count();
    System.out.printf("QoS 1 chaos: %d messages, %d arrived twice or more (allowed for QoS 1),"
        + " %d connections%n", n, duplicates, relay.connections());
    assertTrue(relay.connections() >= 11, "the client reconnected after every fault: " + relay.connections());
    assertEquals(n, client.statistics().acknowledged());
  }

  @Test void qos2StreamLosesAndDuplicatesNothingAcrossTenRestartsAndTenCuts() throws Exception {
    int n = 5_000;
    MosquittoClients.Sub sub = subscriber("chaos/q2", 2);
    MqttClient client = streamThroughChaos(sub, "chaos/q2", Qos.EXACTLY_ONCE, n);
    Qos2Wire wire = Qos2Wire.check(relay.clientPackets(), version() == ProtocolVersion.MQTT_5_0);
    assertEquals(List.of(), wire.violations(), "the client sent a QoS 2 message twice");
    assertEquals(n, wire.messages(), "every message reached the broker");
    Thread.sleep(500); // a late duplicate from the broker would arrive now
    Map<Integer, Integer> got = counts(sub.lines());
    List<Integer> twice = new ArrayList<>();
    got.forEach((number, count) -> {
      if (count > 1) twice.add(number);
    });
    long twiceAfterDup = twice.stream().filter(wire.resent()::contains).count();
    // What the client did is checked above; a message mosquitto_sub still sees twice was
    // duplicated by Mosquitto 2.0.11 across its restarts, not by a second send of ours.
    System.out.printf("QoS 2 chaos: %d messages, the client sent each under one identifier and"
        + " never after its PUBREL (checked on the wire); mosquitto_sub saw %d more than once"
        + " (%d of those the client had re-sent with DUP after a reconnect, as the spec asks)%n",
        n, twice.size(), twiceAfterDup);
    assertEquals(n, client.statistics().acknowledged());
  }

  @Test void afterKill9TheClientSendsAgainAllItHeldUnacknowledged() throws Exception {
    int n = 3_000;
    MosquittoClients.Sub sub = subscriber("chaos/k9", 1);
    Thread.sleep(1_500); // the subscriber's session is saved (autosave_interval 1)
    // Which connection each acknowledgement came on: the listener and the acknowledgements both
    // run on the I/O thread, so an acknowledgement read after a kill from bytes the dead broker
    // (through the relay) had already sent still counts as that broker's.
    AtomicInteger connection = new AtomicInteger();
    MqttClient client = publisher("chaos-pub-k9", QueueOptions.memory(n), new ClientListener() {
      @Override public void connected(String serverUri, boolean sessionPresent) {
        connection.incrementAndGet();
      }
    });
    Map<Integer, Integer> ackedOn = new ConcurrentHashMap<>();
    AtomicInteger lastKilled = new AtomicInteger();
    Chaos faults = chaos("chaos-k9", () -> {
      for (int i = 0; i < 3; i++) {
        Thread.sleep(700);
        broker.kill9();
        // Dead and not yet restarted: the client cannot have connected to the next broker.
        lastKilled.set(connection.get());
        broker.restart();
      }
    });
    List<Delivery> deliveries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      final int seq = i;
      deliveries.add(client.publish(Message.of("chaos/k9", Integer.toString(i), Qos.AT_LEAST_ONCE, false))
          .whenDone((d, failure) -> ackedOn.put(seq, connection.get())));
      if (i % 10 == 9) Thread.sleep(8);
    }
    faults.join();
    for (Delivery d : deliveries) d.await(60, TimeUnit.SECONDS);
    // Everything a broker started after the last kill acknowledged must arrive; what the killed
    // ones acknowledged may be their loss.
    long deadline = System.currentTimeMillis() + 30_000;
    List<Integer> clientLosses;
    List<Integer> brokerLosses;
    while (true) {
      Map<Integer, Integer> got = counts(sub.lines());
      clientLosses = new ArrayList<>();
      brokerLosses = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (got.containsKey(i)) continue;
        // null: await() returned and the listener has yet to run; look again.
        Integer ackedOnConnection = ackedOn.get(i);
        if (ackedOnConnection != null && ackedOnConnection <= lastKilled.get()) {
          brokerLosses.add(i);
        } else {
          clientLosses.add(i);
        }
      }
      if (clientLosses.isEmpty() || System.currentTimeMillis() > deadline) break;
      Thread.sleep(100);
    }
    System.out.printf("kill -9 chaos: %d of %d messages lost by the broker after acknowledging"
        + " them (mosquitto saves on shutdown and autosave only); lost by the client: %d%n",
        brokerLosses.size(), n, clientLosses.size());
    assertEquals(List.of(), clientLosses, "messages a broker started after the last kill -9 acknowledged never arrived");
    assertEquals(n, client.statistics().acknowledged(), "every message was acknowledged in the end");
  }
}
