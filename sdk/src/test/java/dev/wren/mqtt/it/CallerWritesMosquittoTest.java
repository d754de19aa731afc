package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.WriteThreads;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code callerWrites(false)} against Mosquitto: the calling thread never writes to the socket
 * (checked at the transport seam, the socket factory), everything still arrives in order, and the
 * writer thread exists only while writes are pending. Android's main thread gets the same
 * treatment without the option; the sample's Robolectric test covers that.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallerWritesMosquittoTest {
  private Mosquitto broker;
  private final List<MqttClient> clients = new ArrayList<>();

  @BeforeEach void start() throws Exception {
    Mosquitto.assumeAvailable();
    broker = Mosquitto.builder().websockets().start();
  }

  @AfterEach void stop() throws Exception {
    for (MqttClient c : clients) c.close();
    broker.close();
  }

  private MqttClient client(MqttOptions.Builder b) {
    MqttClient c = new MqttClient(b.build());
    clients.add(c);
    return c;
  }

  private Inbox watch(String filter) throws Exception {
    MqttClient watcher = client(MqttOptions.builder().serverUri(broker.uri()).clientId("watch-cw"));
    watcher.connect();
    Inbox inbox = new Inbox(filter);
    watcher.subscribe(filter, Qos.EXACTLY_ONCE, inbox);
    return inbox;
  }

  @Test void withCallerWritesOffTheCallerNeverWritesAndEverythingArrivesInOrder() throws Exception {
    Inbox inbox = watch("cw/#");
    WriteThreads sockets = new WriteThreads();
    MqttClient c = client(MqttOptions.builder().serverUri(broker.uri()).clientId("cw-off")
        .callerWrites(false).socketFactory(sockets));
    c.connect();
    Inbox own = new Inbox("own");
    c.subscribe("cw/echo", Qos.AT_LEAST_ONCE, own);
    c.publish("cw/q0", bytes("zero"), Qos.AT_MOST_ONCE, false).await(5, TimeUnit.SECONDS);
    c.publish("cw/q2", bytes("two"), Qos.EXACTLY_ONCE, false).await(5, TimeUnit.SECONDS);
    List<Delivery> burst = new ArrayList<>();
    for (int i = 0; i < 200; i++) burst.add(c.publish("cw/q1", bytes("m" + i), Qos.AT_LEAST_ONCE, false));
    for (Delivery d : burst) d.await(10, TimeUnit.SECONDS);
    c.publish("cw/echo", bytes("echo"), Qos.AT_LEAST_ONCE, false);
    assertEquals("echo", own.take(5_000).payloadAsString(), "the SUBSCRIBE went out before the PUBLISH");
    c.unsubscribe("cw/echo");
    c.disconnect();

    List<String> q1 = new ArrayList<>();
    Set<String> others = new HashSet<>();
    for (Message m : inbox.take(203, 10_000)) {
      if (m.topic().equals("cw/q1")) q1.add(m.payloadAsString()); else others.add(m.topic());
    }
    for (int i = 0; i < 200; i++) assertEquals("m" + i, q1.get(i), "QoS 1 messages in order");
    assertEquals(Set.of("cw/q0", "cw/q2", "cw/echo"), others);
    assertFalse(sockets.wrote(Thread.currentThread()), "the caller wrote: " + sockets.writers());
    assertTrue(sockets.writers().stream().anyMatch(t -> t.getName().equals("wren-write-cw-off")),
        "the writer thread wrote: " + sockets.writers());
  }

  /** The seam check sees a caller that writes: without the hand-off, the test above fails. */
  @Test void byDefaultTheCallerWritesItself() throws Exception {
    WriteThreads sockets = new WriteThreads();
    MqttClient c = client(MqttOptions.builder().serverUri(broker.uri()).clientId("cw-on")
        .socketFactory(sockets));
    c.connect();
    c.publish("cw/on", bytes("x"), Qos.AT_LEAST_ONCE, false).await(5, TimeUnit.SECONDS);
    assertTrue(sockets.wrote(Thread.currentThread()), "writers: " + sockets.writers());
    assertEquals(1, sockets.sockets());
  }

  @Test void overWebSocketTooTheWriterThreadWrites() throws Exception {
    Inbox inbox = watch("cw/ws");
    WriteThreads sockets = new WriteThreads();
    MqttClient c = client(MqttOptions.builder().serverUri(broker.wsUri()).clientId("cw-ws")
        .callerWrites(false).socketFactory(sockets));
    c.connect();
    c.publish("cw/ws", bytes("framed"), Qos.AT_LEAST_ONCE, false).await(5, TimeUnit.SECONDS);
    c.close();
    assertEquals("framed", inbox.take(5_000).payloadAsString());
    assertFalse(sockets.wrote(Thread.currentThread()), "the caller wrote: " + sockets.writers());
  }

  @Test void theWriterThreadExistsOnlyWhileWritesArePending() throws Exception {
    List<Thread> made = new CopyOnWriteArrayList<>();
    MqttClient c = client(MqttOptions.builder().serverUri(broker.uri()).clientId("cw-threads")
        .callerWrites(false).threadFactory(r -> {
          Thread t = new Thread(r, "cw-" + made.size());
          made.add(t);
          return t;
        }));
    c.connect();
    for (int round = 0; round < 3; round++) {
      c.publish("cw/t", bytes("r" + round), Qos.AT_LEAST_ONCE, false).await(5, TimeUnit.SECONDS);
    }
    assertTrue(made.size() >= 2, "the I/O thread and a writer: " + made);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (alive(made) > 1 && System.nanoTime() - deadline < 0) Thread.sleep(5);
    assertEquals(1, alive(made), "an idle client owns one thread: " + made);
    assertTrue(made.get(0).isAlive(), "that one is the I/O thread");
    c.close();
    assertEquals(0, alive(made), "no thread after close(): " + made);
  }

  private static int alive(List<Thread> threads) {
    int n = 0;
    for (Thread t : threads) if (t.isAlive()) n++;
    return n;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
