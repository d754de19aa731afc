package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.Wire.CONNECT;
import static dev.wren.mqtt.testing.Wire.PUBLISH;
import static dev.wren.mqtt.testing.Wire.PUBREL;
import static dev.wren.mqtt.testing.Wire.SUBSCRIBE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Completion;
import dev.wren.mqtt.ConnectionRefusedException;
import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.testing.AgainstFakeBroker;
import dev.wren.mqtt.testing.FakeBroker;
import dev.wren.mqtt.testing.FakeBroker.Script;
import dev.wren.mqtt.testing.RecordedPacket;
import dev.wren.mqtt.testing.TcpForwarder;
import dev.wren.mqtt.testing.Wire;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reconnect and session resume against a {@link FakeBroker}, checked on the wire: what is sent
 * again after a loss, with which flags and identifiers, and when the client gives up.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ClientReconnectTest extends AgainstFakeBroker {
  /** Fast but real backoff: 50 ms doubling, no jitter, so tests stay short and predictable. */
  private static final ReconnectOptions FAST = ReconnectOptions.builder()
      .initialDelay(50, TimeUnit.MILLISECONDS).maxDelay(400, TimeUnit.MILLISECONDS).jitter(0).build();

  @Override protected MqttOptions.Builder defaults() {
    return super.defaults().cleanSession(false).reconnect(FAST);
  }

  private static Script accept(boolean sessionPresent) {
    return new Script().expect(CONNECT).sendConnAck(sessionPresent, 0);
  }

  @Test void unacknowledgedQos1GoesAgainWithDupAndItsIdentifierWhenTheSessionIsPresent() throws Exception {
    List<RecordedPacket> first = new ArrayList<>();
    fake.enqueue(accept(false).expect(PUBLISH, first::add).expect(PUBLISH, first::add).close());
    fake.enqueue(accept(true)
        .expectAndReply(PUBLISH, p -> Wire.pubAck(p.packetId()))
        .expectAndReply(PUBLISH, p -> Wire.pubAck(p.packetId()))
        .stall());
    client(b -> b).connect();
    Delivery d1 = client.publish(Message.of("r/1", "one", Qos.AT_LEAST_ONCE, false));
    Delivery d2 = client.publish(Message.of("r/2", "two", Qos.AT_LEAST_ONCE, false));
    d1.await(5, TimeUnit.SECONDS);
    d2.await(5, TimeUnit.SECONDS);
    List<RecordedPacket> again = fake.packets(PUBLISH).subList(2, 4);
    for (int i = 0; i < 2; i++) {
      assertFalse(first.get(i).dup(), "first send has DUP=0: " + first.get(i));
      assertTrue(again.get(i).dup(), "re-send must set DUP: " + again.get(i));
      assertEquals(first.get(i).packetId(), again.get(i).packetId(), "same identifier");
      assertEquals(first.get(i).topic(), again.get(i).topic(), "same order");
      assertEquals(2, again.get(i).connection());
    }
    events.take("connected", 1_000);
    events.take("disconnected " + fake.uri() + " reconnect=true", 1_000);
    events.take("reconnecting 1 after 50 ms", 1_000);
    events.take("connected " + fake.uri() + " session=true", 1_000);
  }

  @Test void qos2ResumesWithPubrelWhenThePubrecHadArrived() throws Exception {
    int[] id = new int[1];
    fake.enqueue(accept(false)
        .expectAndReply(PUBLISH, p -> {
          id[0] = p.packetId();
          return Wire.pubRec(p.packetId());
        })
        .expect(PUBREL)
        .close());
    fake.enqueue(accept(true)
        .expectAndReply(PUBREL, p -> {
          assertEquals(id[0], p.packetId(), "PUBREL resumes the same identifier");
          return Wire.pubComp(p.packetId());
        })
        .stall());
    client(b -> b).connect();
    Delivery d = client.publish(Message.of("q2/r", "x", Qos.EXACTLY_ONCE, false));
    d.await(5, TimeUnit.SECONDS);
    assertEquals(1, fake.packets(PUBLISH).size(), "no PUBLISH again after PUBREC: " + fake.packets());
  }

  @Test void qos2ResumesWithDupPublishWhenNoPubrecArrived() throws Exception {
    fake.enqueue(accept(false).expect(PUBLISH).close());
    fake.enqueue(accept(true)
        .expectAndReply(PUBLISH, p -> {
          assertTrue(p.dup(), "DUP on the re-sent QoS 2 PUBLISH: " + p);
          return Wire.pubRec(p.packetId());
        })
        .expectAndReply(PUBREL, p -> Wire.pubComp(p.packetId()))
        .stall());
    client(b -> b).connect();
    client.publish(Message.of("q2/r", "x", Qos.EXACTLY_ONCE, false)).await(5, TimeUnit.SECONDS);
  }

  @Test void withoutTheSessionEverythingGoesAgainAsNewAndSubscriptionsAreMadeAgain() throws Exception {
    fake.enqueue(accept(false)
        .expectAndReply(SUBSCRIBE, p -> Wire.subAck(p.packetId(), 1))
        .expectAndReply(PUBLISH, p -> Wire.pubRec(p.packetId()))
        .expect(PUBREL)
        .close());
    fake.enqueue(accept(false)
        .expectAndReply(SUBSCRIBE, p -> {
          assertEquals(List.of("cmd/#"), p.filters());
          assertEquals(List.of(1), p.requestedQos());
          return Wire.subAck(p.packetId(), 1);
        })
        .expectAndReply(PUBLISH, p -> {
          assertFalse(p.dup(), "a new session gets new messages, even after PUBREC: " + p);
          assertEquals("a", p.topic());
          return Wire.pubRec(p.packetId());
        })
        .expectAndReply(PUBREL, p -> Wire.pubComp(p.packetId()))
        .stall());
    client(b -> b).connect();
    client.subscribe("cmd/#", Qos.AT_LEAST_ONCE, m -> { });
    client.publish(Message.of("a", "1", Qos.EXACTLY_ONCE, false)).await(5, TimeUnit.SECONDS);
  }

  @Test void messagesPublishedWhileOfflineWaitInTheQueueAndGoInOrder() throws Exception {
    fake.enqueue(accept(false).close());
    fake.enqueue(new Script().expect(CONNECT).sleep(600).sendConnAck(false, 0).autoReply());
    client(b -> b).connect();
    events.take("disconnected", 2_000);
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      deliveries.add(client.publish(Message.of("off/" + i, "m" + i, Qos.AT_LEAST_ONCE, false)));
    }
    for (Delivery d : deliveries) d.await(5, TimeUnit.SECONDS);
    List<RecordedPacket> sent = fake.packets(PUBLISH);
    assertEquals(20, sent.size(), sent.toString());
    for (int i = 0; i < 20; i++) assertEquals("off/" + i, sent.get(i).topic());
  }

  @Test void qos0WhileOfflineIsDroppedAndReportedUnlessBuffered() throws Exception {
    fake.enqueue(accept(false).close());
    fake.enqueue(new Script().expect(CONNECT).sleep(500).sendConnAck(false, 0).autoReply());
    client(b -> b.offlineQos0Buffer(1)).connect();
    events.take("disconnected", 2_000);
    Delivery dropped = client.publish(Message.of("q0/old", "x", Qos.AT_MOST_ONCE, false));
    Delivery kept = client.publish(Message.of("q0/new", "y", Qos.AT_MOST_ONCE, false));
    assertInstanceOf(NotConnectedException.class, dropped.failure());
    assertTrue(events.take("dropped q0/old", 1_000).contains("buffer of 1"));
    kept.await(5, TimeUnit.SECONDS);
    RecordedPacket p = fake.takePacket(PUBLISH, 2_000);
    assertEquals("q0/new", p.topic());
    assertEquals(2, p.connection());
  }

  @Test void badCredentialsStopTheRetries() throws Exception {
    fake.enqueue(accept(false).close());
    fake.enqueue(new Script().expect(CONNECT).sendConnAck(false, 4));
    client(b -> b).connect();
    String gaveUp = events.take("disconnected " + fake.uri() + " reconnect=false", 3_000);
    assertTrue(gaveUp.contains("user name or password"), gaveUp);
    assertInstanceOf(ConnectionRefusedException.BadUsernameOrPasswordException.class, events.lastCause());
    Thread.sleep(300); // would be several attempts at 50 ms
    assertEquals(2, fake.connectionCount(), "no attempt after a credentials refusal");
    assertEquals(ConnectionState.DISCONNECTED, client.state());
  }

  @Test void retryOnAuthFailureKeepsTrying() throws Exception {
    fake.enqueue(accept(false).close());
    fake.enqueue(new Script().expect(CONNECT).sendConnAck(false, 5));
    fake.enqueue(accept(true).stall());
    client(b -> b.reconnect(FAST.toBuilder().retryOnAuthFailure(true).build())).connect();
    events.take("disconnected " + fake.uri() + " reconnect=true: broker refused the connection: not authorized", 3_000);
    events.take("connected " + fake.uri() + " session=true", 3_000);
    assertTrue(client.isConnected());
  }

  @Test void serversAreTriedInOrder() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      closedPort = s.getLocalPort();
    }
    String down = "tcp://127.0.0.1:" + closedPort;
    fake.enqueue(accept(false).stall());
    client(b -> b.serverUris(down, fake.uri())).connect();
    events.take("connected " + fake.uri(), 1_000);
    assertTrue(events.all().get(0).startsWith("disconnected " + down + " reconnect=true"),
        events.all().toString());
  }

  @Test void connectFailsWhenEveryServerFailsAndDoesNotKeepTrying() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      closedPort = s.getLocalPort();
    }
    client = new MqttClient(MqttOptions.builder().serverUri("tcp://127.0.0.1:" + closedPort)
        .reconnect(FAST).listener(events).build());
    assertThrows(dev.wren.mqtt.BrokerUnreachableException.class, client::connect);
    Thread.sleep(200);
    assertEquals(ConnectionState.DISCONNECTED, client.state());
    assertEquals(1, events.all().size(), events.all().toString());
  }

  @Test void connectAsyncRetriesUntilTheBrokerIsUp() throws Exception {
    fake.enqueue(accept(false).stall());
    try (TcpForwarder proxy = TcpForwarder.to(fake.port())) {
      proxy.refuse(true);
      client = new MqttClient(MqttOptions.builder().serverUri(proxy.uri()).clientId("async")
          .reconnect(FAST).listener(events).build());
      Completion<Boolean> first = client.connectAsync();
      events.take("reconnecting 2", 3_000);
      assertFalse(first.isDone());
      proxy.refuse(false);
      assertFalse(first.await(5, TimeUnit.SECONDS), "no session on a fake's first connection");
      assertTrue(client.isConnected());
    }
  }

  @Test void reconnectNowSkipsTheWait() throws Exception {
    fake.enqueue(accept(false).close());
    fake.enqueue(accept(false).stall());
    client(b -> b.reconnect(ReconnectOptions.builder().initialDelay(60, TimeUnit.SECONDS)
        .jitter(0).build())).connect();
    events.take("reconnecting 1 after 60000 ms", 3_000);
    assertEquals(ConnectionState.WAITING_TO_RECONNECT, client.state());
    client.reconnectNow();
    events.take("connected", 3_000);
  }

  /** A network that comes back while an attempt still hangs on the old one: no wait after it. */
  @Test void reconnectNowDuringAnAttemptSkipsTheWaitAfterIt() throws Exception {
    fake.enqueue(accept(false).close());
    fake.enqueue(new Script().expect(CONNECT).sleep(1_500).close());
    fake.enqueue(accept(false).stall());
    client(b -> b.connectTimeout(5, TimeUnit.SECONDS).reconnect(ReconnectOptions.builder()
        .initialDelay(30, TimeUnit.SECONDS).jitter(0).build())).connect();
    events.take("reconnecting 1 after 30000 ms", 3_000);
    client.reconnectNow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (fake.connectionCount() < 2 && System.nanoTime() < deadline) Thread.sleep(5);
    assertEquals(ConnectionState.CONNECTING, client.state(), "the second attempt hangs");
    client.reconnectNow();
    events.take("reconnecting 2 after 60000 ms", 5_000);
    events.take("connected", 3_000);
  }

  @Test void reconnectNowWhileConnectedIsNotKeptForLater() throws Exception {
    fake.enqueue(accept(false).sleep(300).close());
    fake.enqueue(accept(false).stall());
    client(b -> b.reconnect(ReconnectOptions.builder().initialDelay(2, TimeUnit.SECONDS)
        .jitter(0).build())).connect();
    client.reconnectNow();
    events.take("reconnecting 1 after 2000 ms", 3_000);
    Thread.sleep(500);
    assertEquals(ConnectionState.WAITING_TO_RECONNECT, client.state(), "the wait was not cut short");
  }

  @Test void noReconnectAfterDisconnect() throws Exception {
    fake.enqueue(accept(false).expect(Wire.DISCONNECT).expectClosed());
    client(b -> b).connect();
    client.disconnect();
    Thread.sleep(300);
    assertEquals(1, fake.connectionCount());
    assertEquals(ConnectionState.DISCONNECTED, client.state());
    assertFalse(events.all().stream().anyMatch(e -> e.startsWith("reconnecting")), events.all().toString());
  }

  @Test void aBlackHoledLinkIsReplacedWithinOneAndAHalfKeepAlives() throws Exception {
    fake.enqueue(accept(false).autoReply());
    fake.enqueue(accept(true).autoReply());
    try (TcpForwarder proxy = TcpForwarder.to(fake.port())) {
      client = new MqttClient(MqttOptions.builder().serverUri(proxy.uri()).clientId("bh")
          .cleanSession(false).keepAliveSeconds(1).reconnect(FAST).listener(events).build());
      client.connect();
      long start = System.nanoTime();
      proxy.blackhole();
      String lost = events.take("disconnected", 3_000);
      long detectedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(lost.contains("PINGRESP"), lost);
      // 1.5 keep-alives plus scheduling margin.
      assertTrue(detectedMillis < 1_500 + 300, "detected after " + detectedMillis + " ms");
      events.take("connected " + proxy.uri() + " session=true", 3_000);
      client.publish(Message.of("after", "x", Qos.AT_LEAST_ONCE, false)).await(3, TimeUnit.SECONDS);
    }
  }
}
