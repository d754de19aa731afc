package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PingReq;
import dev.wren.mqtt.internal.codec.PingResp;
import dev.wren.mqtt.internal.codec.PubAck;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.transport.ws.WebSocketClosedException;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.MosquittoClients;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WebSocket transport against Eclipse Mosquitto's websockets listener, driven with the
 * client's own PacketReader and PacketWriter (the whole client over ws:// is
 * {@code it.ClientWebSocketMosquittoTest}), and checked against mosquitto_pub and mosquitto_sub
 * over plain TCP.
 */
@Timeout(30)
class WebSocketMosquittoTest {
  private static Mosquitto broker;

  @BeforeAll static void startBroker() throws Exception {
    Mosquitto.assumeAvailable();
    broker = Mosquitto.builder().websockets().start();
  }

  @AfterAll static void stopBroker() throws Exception {
    if (broker != null) broker.close();
  }

  private static WebSocketPackets connected(String clientId) throws Exception {
    return WebSocketPackets.open(broker.wsPort(), "/mqtt").connect(clientId, 60);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Publishes at QoS 1 to a topic the same client subscribed to; returns the copy it gets back. */
  private static Publish publishToSelf(WebSocketPackets ws, String topic, byte[] payload, int id)
      throws Exception {
    ws.writer.write(new Publish(topic, payload, 1, false, false, id));
    Publish echo = null;
    boolean acked = false;
    while (echo == null || !acked) {
      Packet p = ws.await(10_000);
      if (p instanceof PubAck) {
        assertEquals(new PubAck(id), p);
        acked = true;
      } else {
        echo = (Publish) p;
        ws.writer.write(new PubAck(echo.packetId()));
      }
    }
    return echo;
  }

  @Test void connectSubscribePublishAndPing() throws Exception {
    try (WebSocketPackets ws = connected("wren-ws-basic")) {
      ws.subscribe(1, "ws/self/#", 1);
      Publish echo = publishToSelf(ws, "ws/self/a", utf8("hi"), 2);
      assertEquals("ws/self/a", echo.topic());
      assertArrayEquals(utf8("hi"), echo.payload());
      ws.writer.write(PingReq.INSTANCE);
      ws.await(PingResp.class, 5_000);
    }
  }

  @Test void largeMessagesUseLongFramesBothWays() throws Exception {
    // Over 64 KiB: 64-bit lengths both ways (two frames out). Not larger: mosquitto 2.0.11 services
    // its websockets only once per main-loop turn and moves a few kB per turn.
    byte[] payload = new byte[70_000];
    new Random(11).nextBytes(payload);
    try (WebSocketPackets ws = connected("wren-ws-large")) {
      ws.subscribe(1, "ws/large", 1);
      assertArrayEquals(payload, publishToSelf(ws, "ws/large", payload, 2).payload());
    }
  }

  @Test void mosquittoPubOverTcpReachesTheWebSocket() throws Exception {
    Mosquitto.assumeClientsAvailable();
    try (WebSocketPackets ws = connected("wren-ws-in")) {
      ws.subscribe(1, "ws/in", 1);
      MosquittoClients.Result r = MosquittoClients.pub(broker, "-t", "ws/in", "-m", "from tcp", "-q", "1");
      assertEquals(0, r.exitCode(), r.toString());
      Publish p = ws.await(Publish.class, 5_000);
      assertEquals("from tcp", new String(p.payload(), StandardCharsets.UTF_8));
      ws.writer.write(new PubAck(p.packetId()));
    }
  }

  @Test void webSocketPublishReachesMosquittoSubOverTcp() throws Exception {
    Mosquitto.assumeClientsAvailable();
    try (MosquittoClients.Sub sub = MosquittoClients.startSub(broker, "-t", "ws/out", "-q", "1");
        WebSocketPackets ws = connected("wren-ws-out")) {
      ws.writer.write(new Publish("ws/out", utf8("from ws"), 1, false, false, 5));
      assertEquals(new PubAck(5), ws.await(5_000));
      assertEquals("from ws", sub.awaitLine(5_000));
    }
  }

  @Test void idleReadTimesOutThenAPingRoundTrips() throws Exception {
    try (WebSocketPackets ws = connected("wren-ws-idle")) {
      assertNull(ws.reader.read(TimeUnit.MILLISECONDS.toNanos(150)), "nothing arrives unasked: the read times out");
      assertNull(ws.reader.read(TimeUnit.MILLISECONDS.toNanos(150)), "and again");
      ws.writer.write(PingReq.INSTANCE);
      ws.await(PingResp.class, 5_000);
    }
  }

  @Test void closeHandshakeEndsTheStreamCleanly() throws Exception {
    try (WebSocketPackets ws = connected("wren-ws-close")) {
      ws.connection.shutdownOutput();
      EOFException e = assertThrows(EOFException.class, () -> ws.await(5_000));
      assertFalse(e instanceof WebSocketClosedException, "the broker answered our close: " + e);
      assertTrue(e.getMessage().contains("the broker closed the connection"), e.getMessage());
    }
  }
}
