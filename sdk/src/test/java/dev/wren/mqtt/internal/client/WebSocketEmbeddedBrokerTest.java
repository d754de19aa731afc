package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PingReq;
import dev.wren.mqtt.internal.codec.PingResp;
import dev.wren.mqtt.internal.codec.PubAck;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.testing.EmbeddedBroker;
import dev.wren.mqtt.testing.Inbox;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WebSocket transport against Moquette's Netty WebSocket listener, a second server written
 * independently of Mosquitto's libwebsockets, checked against a TCP client of the same broker.
 */
@Timeout(30)
class WebSocketEmbeddedBrokerTest {
  private static EmbeddedBroker broker;

  @BeforeAll static void startBroker() throws Exception {
    broker = EmbeddedBroker.startWithWebSocketAndMessageSize(1 << 20,
        "a 20 kB packet in several WebSocket frames; Moquette ships with an 8,092-byte limit");
  }

  @AfterAll static void stopBroker() {
    if (broker != null) broker.close();
  }

  private static WebSocketPackets connected(String clientId) throws Exception {
    // 8 KiB frames: a 20 kB packet goes out in three.
    WebSocketPackets ws = WebSocketPackets.open(broker.wsPort(), EmbeddedBroker.WEBSOCKET_PATH, 8192)
        .connect(clientId, 60);
    broker.awaitClientConnected(clientId, 5_000); // Moquette race, see there
    return ws;
  }

  private static MqttClient tcpClient(String clientId) throws Exception {
    MqttClient c = new MqttClient(MqttOptions.builder().serverUri(broker.uri()).clientId(clientId)
        .connectTimeout(5, TimeUnit.SECONDS).operationTimeout(5, TimeUnit.SECONDS).build());
    c.connect();
    broker.awaitClientConnected(clientId, 5_000);
    return c;
  }

  @Test void connectSubscribePublishAndPing() throws Exception {
    // Moquette 0.17 loses some QoS 1 messages over 64 KiB even over TCP; stay well below.
    byte[] payload = new byte[20_000];
    new Random(5).nextBytes(payload);
    try (WebSocketPackets ws = connected("wren-ws-moq")) {
      ws.subscribe(1, "ws/self", 1);
      // Three frames out, one frame with a 16-bit length back.
      ws.writer.write(new Publish("ws/self", payload, 1, false, false, 2));
      Publish echo = null;
      boolean acked = false;
      while (echo == null || !acked) {
        Packet p = ws.await(10_000);
        if (p instanceof PubAck) {
          assertEquals(new PubAck(2), p);
          acked = true;
        } else {
          echo = (Publish) p;
          ws.writer.write(new PubAck(echo.packetId()));
        }
      }
      assertArrayEquals(payload, echo.payload());
      ws.writer.write(PingReq.INSTANCE);
      ws.await(PingResp.class, 5_000);
    }
  }

  @Test void tcpClientAndWebSocketExchangeMessages() throws Exception {
    Inbox inbox = new Inbox();
    try (WebSocketPackets ws = connected("wren-ws-moq-x");
        MqttClient tcp = tcpClient("wren-tcp-moq-x")) {
      ws.subscribe(1, "ws/from-tcp", 1);
      tcp.subscribe("ws/from-ws", Qos.AT_LEAST_ONCE, inbox);
      tcp.publish(Message.of("ws/from-tcp", "over tcp", Qos.AT_LEAST_ONCE, false)).await(5, TimeUnit.SECONDS);
      Publish in = ws.await(Publish.class, 5_000);
      assertEquals("over tcp", new String(in.payload(), StandardCharsets.UTF_8));
      ws.writer.write(new PubAck(in.packetId()));
      ws.writer.write(new Publish("ws/from-ws", "over ws".getBytes(StandardCharsets.UTF_8), 1, false, false, 3));
      assertEquals(new PubAck(3), ws.await(5_000));
      assertEquals("over ws", inbox.take(5_000).payloadAsString());
    }
  }

  @Test void idleReadTimesOutThenAPingRoundTrips() throws Exception {
    try (WebSocketPackets ws = connected("wren-ws-moq-idle")) {
      assertNull(ws.reader.read(TimeUnit.MILLISECONDS.toNanos(150)), "nothing arrives unasked: the read times out");
      ws.writer.write(PingReq.INSTANCE);
      ws.await(PingResp.class, 5_000);
    }
  }

  @Test void wrongPathEndsWithoutAnAnswerAndTheMessageSaysWhatToCheck() {
    // Moquette closes the connection instead of answering 404.
    EOFException e = assertThrows(EOFException.class,
        () -> WebSocketPackets.open(broker.wsPort(), "/not-mqtt"));
    assertEquals("the server at 127.0.0.1:" + broker.wsPort() + "/not-mqtt closed the connection"
        + " without answering the WebSocket upgrade request (check the path, and that this port"
        + " serves WebSocket)", e.getMessage());
  }
}
