package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.Await.awaitTrue;
import static dev.wren.mqtt.testing.Wire.CONNECT;
import static dev.wren.mqtt.testing.Wire.PINGREQ;
import static dev.wren.mqtt.testing.Wire.PUBLISH;
import static dev.wren.mqtt.testing.Wire.SUBSCRIBE;
import static dev.wren.mqtt.testing.Wire.UNSUBSCRIBE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Completion;
import dev.wren.mqtt.ConnectionLostException;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.Subscription;
import dev.wren.mqtt.testing.AgainstFakeBroker;
import dev.wren.mqtt.testing.FakeBroker.Script;
import dev.wren.mqtt.testing.RecordedPacket;
import dev.wren.mqtt.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client against brokers that break the rules on purpose: trickling bytes, packets of the
 * wrong length, answers to requests never made, a second CONNACK, something that is not MQTT.
 * Each test fails against a client that waits, retries or misnames the fault.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ClientHostileBrokerTest extends AgainstFakeBroker {
  /** A PUBLISH of 129 bytes, header included, to trickle one byte at a time. */
  private static final byte[] LONG_PUBLISH = Wire.publish("t", new byte[124], 0, 0, false, false);
  private static final ReconnectOptions FAST = ReconnectOptions.builder()
      .initialDelay(50, TimeUnit.MILLISECONDS).maxDelay(200, TimeUnit.MILLISECONDS).jitter(0)
      .build();


  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static void assertContains(String expected, String actual) {
    assertTrue(actual != null && actual.contains(expected),
        "expected \"" + expected + "\" in: " + actual);
  }

  // ---- slow-loris ----------------------------------------------------------------------------

  @Test void aBrokerTricklingAPacketIsFoundDeadByKeepAlive() throws Exception {
    // One byte every 100 ms: the PUBLISH would take 13 s, and every read brings something.
    fake.enqueue(connected().trickle(100, LONG_PUBLISH).stall());
    client(b -> b.keepAliveSeconds(1).pingTimeout(500, TimeUnit.MILLISECONDS)).connect();
    long connectedAt = System.nanoTime();
    RecordedPacket connect = fake.takePacket(CONNECT, 1_000);
    RecordedPacket ping = fake.takePacket(PINGREQ, 2_500);
    long pingAfter = TimeUnit.NANOSECONDS.toMillis(ping.receivedAtNanos() - connect.receivedAtNanos());
    assertTrue(pingAfter <= 1_500, "keep-alive 1 s, but PINGREQ came " + pingAfter + " ms after CONNECT");
    // No PINGRESP can overtake the trickled packet: dead at keep-alive + ping timeout, 1.5 s.
    awaitTrue("the connection ended", 3_000, () -> !client.isConnected());
    assertTrue(millisSince(connectedAt) < 2_800, "ended after " + millisSince(connectedAt) + " ms");
    events.take("disconnected", 1_000);
    assertInstanceOf(MqttTimeoutException.class, events.lastCause());
    assertContains("no PINGRESP", events.lastCause().getMessage());
  }

  @Test void aTrickledPacketMustArriveWithinTheDeadLinkBoundEvenWhileTheClientSends()
      throws Exception {
    // The client publishes QoS 0 every 100 ms, so no PINGREQ is ever due; only the packet's own
    // deadline (keep-alive + ping timeout from its first byte) can end this.
    fake.enqueue(connected().trickle(100, LONG_PUBLISH).stall());
    client(b -> b.keepAliveSeconds(1).pingTimeout(500, TimeUnit.MILLISECONDS)).connect();
    long start = System.nanoTime();
    while (client.isConnected() && millisSince(start) < 5_000) {
      try {
        client.publish("busy", "x".getBytes(StandardCharsets.UTF_8), Qos.AT_MOST_ONCE, false);
      } catch (MqttException e) {
        break; // the connection ended between the check and the publish
      }
      Thread.sleep(100);
    }
    long ended = millisSince(start);
    assertFalse(client.isConnected(), "still connected after 5 s of a trickled packet");
    // First byte at 100 ms, deadline 1.5 s later; margin for a loaded machine.
    assertTrue(ended < 3_000, "ended after " + ended + " ms");
    assertTrue(fake.packets(PINGREQ).isEmpty(), "no PINGREQ was due: " + fake.packets(PINGREQ));
    events.take("disconnected", 1_000);
    assertInstanceOf(MqttTimeoutException.class, events.lastCause());
    assertContains("has been arriving for", events.lastCause().getMessage());
  }

  @Test void aTrickledConnAckStillMeetsTheConnectTimeout() throws Exception {
    // The whole CONNACK would take 1.6 s, past the 1 s connect timeout, each read bringing a byte.
    fake.enqueue(new Script().expect(CONNECT).trickle(400, "20 02 00 00").stall());
    long start = System.nanoTime();
    MqttTimeoutException e = assertThrows(MqttTimeoutException.class,
        client(b -> b.connectTimeout(1, TimeUnit.SECONDS))::connect);
    long took = millisSince(start);
    assertTrue(took < 1_400, "connect() took " + took + " ms with a 1 s connect timeout");
    assertContains("did not arrive whole", e.getMessage());
    assertFalse(client.isConnected());
  }

  // ---- wrong lengths, wrong first packet, second CONNACK ------------------------------------

  @Test void aConnAckOfTheWrongLengthIsRefusedFromItsHeader() throws Exception {
    // Remaining length 127, then the body trickled: nothing of it is waited for.
    byte[] body = new byte[127];
    fake.enqueue(new Script().expect(CONNECT)
        .trickle(200, Wire.concat(Wire.hex("20 7F"), body)).stall());
    long start = System.nanoTime();
    MqttProtocolException e = assertThrows(MqttProtocolException.class, client()::connect);
    assertTrue(millisSince(start) < 1_500, "refused after " + millisSince(start) + " ms");
    assertContains("CONNACK remaining length must be 2: 127", e.getMessage());
  }

  @Test void aPubAckOfTheWrongLengthEndsTheConnectionFromItsHeader() throws Exception {
    fake.enqueue(connected().trickle(200, Wire.concat(Wire.hex("40 7F"), new byte[127])).stall());
    client().connect();
    long start = System.nanoTime();
    awaitTrue("the connection ended", 1_500, () -> !client.isConnected());
    events.take("disconnected", 1_000);
    assertInstanceOf(MqttProtocolException.class, events.lastCause());
    assertContains("PUBACK remaining length must be 2: 127", events.lastCause().getMessage());
    assertTrue(millisSince(start) < 1_500);
  }

  @Test void anHttpServerIsNotTakenForABrokenBroker() throws Exception {
    fake.enqueue(new Script().expect(CONNECT)
        .send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII))
        .stall());
    MqttProtocolException e = assertThrows(MqttProtocolException.class, client()::connect);
    assertContains("expected CONNACK", e.getMessage());
    assertContains("is this an MQTT broker?", e.getMessage());
    assertContains("48 54 54 50 2F 31 2E 31 20 34 30 30 20 42 61 64 (\"HTTP/1.1 400 Bad\")",
        e.getMessage());
  }

  @Test void aSecondConnAckIsNamedAsSuch() throws Exception {
    fake.enqueue(connected().sendConnAck(false, 0).stall());
    client().connect();
    events.take("disconnected", 2_000);
    assertInstanceOf(MqttProtocolException.class, events.lastCause());
    assertContains("sent a second CONNACK", events.lastCause().getMessage());
  }

  // ---- answers to requests never made --------------------------------------------------------

  @Test void aSubAckForAnIdNeverSentEndsTheConnectionNamingTheId() throws Exception {
    int[] wrongId = new int[1];
    fake.enqueue(connected().expectAndReply(SUBSCRIBE, p -> {
      wrongId[0] = p.packetId() == 65535 ? 1 : p.packetId() + 1;
      return Wire.subAck(wrongId[0], 1);
    }).stall());
    client().connect();
    long start = System.nanoTime();
    Completion<List<Qos>> subscribed = client.subscribeAsync(
        Collections.singletonList(new Subscription("a/b", Qos.AT_LEAST_ONCE, m -> { })));
    ConnectionLostException e = assertThrows(ConnectionLostException.class,
        () -> subscribed.await(3, TimeUnit.SECONDS));
    assertTrue(millisSince(start) < 2_000, "the SUBSCRIBE failed after " + millisSince(start) + " ms");
    assertContains("SUBACK for packet id " + wrongId[0], e.getMessage());
    // The waiting call fails before the listener hears of the loss.
    events.take("disconnected", 2_000);
    assertInstanceOf(MqttProtocolException.class, events.lastCause());
  }

  @Test void anUnsubAckForAnIdNeverSentEndsTheConnection() throws Exception {
    fake.enqueue(connected().autoReply(1)
        .expectAndReply(UNSUBSCRIBE, p -> Wire.unsubAck(p.packetId() + 100)).stall());
    client().connect();
    client.subscribe("a/b", Qos.AT_LEAST_ONCE, m -> { });
    Completion<Void> unsubscribed = client.unsubscribeAsync(Collections.singletonList("a/b"));
    ConnectionLostException e = assertThrows(ConnectionLostException.class,
        () -> unsubscribed.await(3, TimeUnit.SECONDS));
    assertContains("UNSUBACK for packet id", e.getMessage());
  }

  @Test void aPubAckForAnIdNotInFlightIsIgnored() throws Exception {
    // Documented decision: after a re-send across a reconnect such an ack is legitimate.
    fake.enqueue(connected().send(Wire.pubAck(4242)).autoReply());
    client().connect();
    Delivery delivery = client.publish("a", "x".getBytes(StandardCharsets.UTF_8),
        Qos.AT_LEAST_ONCE, false);
    delivery.await(3, TimeUnit.SECONDS);
    assertTrue(client.isConnected(), "a stray PUBACK must not end the connection");
  }

  // ---- retrying protocol errors --------------------------------------------------------------

  @Test void aProtocolErrorOnTheFirstConnectAsyncIsNotRetried() throws Exception {
    for (int i = 0; i < 3; i++) {
      fake.enqueue(new Script().expect(CONNECT).send("00 ff ff ff ff ff").stall());
    }
    Completion<Boolean> first = client(b -> b.reconnect(FAST)).connectAsync();
    MqttProtocolException e = assertThrows(MqttProtocolException.class,
        () -> first.await(2, TimeUnit.SECONDS));
    assertContains("expected CONNACK", e.getMessage());
    Thread.sleep(400); // several backoff periods: a retry would have connected again
    assertEquals(1, fake.connectionCount(), "a protocol error before the first CONNACK was retried");
  }

  @Test void aProtocolErrorOnAReconnectIsRetriedWithBackoff() throws Exception {
    fake.enqueue(connected().sleep(100).send("00 ff ff ff ff ff").stall());
    fake.enqueue(new Script().expect(CONNECT).send("20 7F").stall());
    fake.enqueue(connected().autoReply());
    client(b -> b.reconnect(FAST)).connect();
    events.take("disconnected", 2_000);
    events.take("reconnecting", 2_000);
    String refused = events.take("disconnected", 2_000);
    assertContains("CONNACK remaining length must be 2", refused);
    assertContains("reconnect=true", refused);
    events.take("connected", 3_000);
    assertEquals(3, fake.connectionCount());
    awaitTrue("connected again", 1_000, client::isConnected);
  }
}
