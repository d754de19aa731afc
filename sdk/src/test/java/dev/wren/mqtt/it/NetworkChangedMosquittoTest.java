package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.MosquittoThroughRelay;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code networkChanged()}: the old link is dead in fact (the relay black-holes it) but alive on
 * paper; the client drops it at once and connects again without its backoff, losing nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetworkChangedMosquittoTest extends MosquittoThroughRelay {
  /** A backoff no test could wait out: only networkChanged() explains a quick reconnect. */
  private static final ReconnectOptions SLOW = ReconnectOptions.builder()
      .initialDelay(30, TimeUnit.SECONDS).maxDelay(30, TimeUnit.SECONDS).jitter(0).build();

  private MqttClient phone() {
    MqttClient c = new MqttClient(MqttOptions.builder().serverUri(relay.uri()).clientId("phone")
        .cleanSession(false).keepAliveSeconds(60).reconnect(SLOW).listener(events).build());
    track(c);
    return c;
  }

  private Inbox watch(String topic) throws Exception {
    MqttClient watcher = new MqttClient(MqttOptions.builder().serverUri(broker.uri())
        .clientId("watch-net").build());
    track(watcher);
    watcher.connect();
    Inbox inbox = new Inbox(topic);
    watcher.subscribe(topic, Qos.AT_LEAST_ONCE, inbox);
    return inbox;
  }

  @Test void aNetworkChangeWhileConnectedReconnectsWithinASecondAndLosesNothing() throws Exception {
    Inbox inbox = watch("net/m");
    MqttClient c = phone();
    c.connect();
    events.take("connected", 1_000);
    List<Delivery> before = new ArrayList<>();
    for (int i = 0; i < 50; i++) before.add(c.publish("net/m", bytes("m" + i), Qos.AT_LEAST_ONCE, false));
    for (Delivery d : before) d.await(10, TimeUnit.SECONDS);

    // Wi-Fi gone: the socket still looks open, but nothing gets through any more.
    relay.blackhole();
    List<Delivery> after = new ArrayList<>();
    for (int i = 50; i < 100; i++) after.add(c.publish("net/m", bytes("m" + i), Qos.AT_LEAST_ONCE, false));
    assertEquals(ConnectionState.CONNECTED, c.state(), "alive on paper");

    long changed = System.nanoTime();
    c.networkChanged();
    String lost = events.take("disconnected", 1_000);
    assertTrue(lost.contains("the network changed") && lost.contains("reconnect=true"), lost);
    events.take("connected " + relay.uri() + " session=true", 1_000);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed);
    assertTrue(tookMillis < 1_000, "new connection after " + tookMillis + " ms");
    assertTrue(events.all().contains("reconnecting 1 after 0 ms"), events.all().toString());

    for (Delivery d : after) d.await(10, TimeUnit.SECONDS);
    Set<String> got = new HashSet<>();
    while (got.size() < 100) got.add(inbox.take(10_000).payloadAsString());
    for (int i = 0; i < 100; i++) assertTrue(got.contains("m" + i), "m" + i);
    assertEquals(0, c.statistics().queued());
    assertEquals(2, relay.connections());
  }

  @Test void offlineItEndsTheBackoffWaitLikeReconnectNow() throws Exception {
    MqttClient c = phone();
    c.connect();
    relay.refuse(true);
    relay.cut();
    events.take("reconnecting 1 after 30000 ms", 5_000);
    relay.refuse(false);
    c.networkChanged();
    events.take("connected " + relay.uri() + " session=true", 3_000);
  }

  @Test void afterDisconnectItDoesNothing() throws Exception {
    MqttClient c = phone();
    c.connect();
    c.disconnect();
    c.networkChanged();
    Thread.sleep(200);
    assertEquals(ConnectionState.DISCONNECTED, c.state());
    assertEquals(1, relay.connections());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
