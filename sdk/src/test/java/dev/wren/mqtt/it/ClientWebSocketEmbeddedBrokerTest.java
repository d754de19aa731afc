package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.WebSocketHandshakeException;
import dev.wren.mqtt.WebSocketOptions;
import dev.wren.mqtt.testing.EmbeddedBroker;
import dev.wren.mqtt.testing.Inbox;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MqttClient} over {@code ws://} to Moquette's Netty WebSocket listener, a server written
 * independently of Mosquitto's, in-process so it runs without anything installed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientWebSocketEmbeddedBrokerTest {
  private static EmbeddedBroker broker;

  @BeforeAll static void start() throws Exception {
    broker = EmbeddedBroker.startWithWebSocketAndMessageSize(1 << 20,
        "a 20 kB packet in several WebSocket frames; Moquette ships with an 8,092-byte limit");
  }

  @AfterAll static void stop() {
    if (broker != null) broker.close();
  }

  private static MqttClient connected(String id, WebSocketOptions ws) throws Exception {
    MqttClient c = new MqttClient(MqttOptions.builder().serverUri(broker.wsUri()).clientId(id)
        .webSocket(ws).connectTimeout(5, TimeUnit.SECONDS).operationTimeout(5, TimeUnit.SECONDS)
        .build());
    c.connect();
    broker.awaitClientConnected(id, 5_000); // Moquette race, see there
    return c;
  }

  @Test void roundTripsAtEveryQos() throws Exception {
    try (MqttClient c = connected("moq-ws-qos", null)) {
      ClientWebSocketMosquittoTest.roundTripsAtEveryQos(c);
    }
  }

  @Test void aPacketLongerThanTheFrameLimitGoesInSeveralFrames() throws Exception {
    // 20 kB in 8 KiB frames: three frames out; Moquette reassembles the packet from them.
    byte[] payload = new byte[20_000];
    new Random(3).nextBytes(payload);
    try (MqttClient c = connected("moq-ws-frames",
        WebSocketOptions.builder().maxOutboundFramePayload(8192).build())) {
      Inbox inbox = new Inbox();
      c.subscribe("ws/frames", Qos.AT_LEAST_ONCE, inbox);
      c.publish(Message.builder().topic("ws/frames").payload(payload).qos(Qos.AT_LEAST_ONCE)
          .build()).await(5, TimeUnit.SECONDS);
      assertArrayEquals(payload, inbox.take(5_000).payload());
    }
  }

  @Test void aWrongPathIsAHandshakeFailureThatSaysWhatToCheck() {
    // Moquette closes the connection instead of answering 404.
    try (MqttClient c = new MqttClient(MqttOptions.builder()
        .serverUri("ws://127.0.0.1:" + broker.wsPort() + "/not-mqtt")
        .connectTimeout(5, TimeUnit.SECONDS).build())) {
      WebSocketHandshakeException e = assertThrows(WebSocketHandshakeException.class, c::connect);
      assertEquals(-1, e.statusCode());
      assertTrue(e.getMessage().contains("closed the connection without answering the WebSocket"
          + " upgrade request (check the path"), e.getMessage());
    }
  }
}
