package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.WebSocketWire.BINARY;
import static dev.wren.mqtt.testing.WebSocketWire.CLOSE;
import static dev.wren.mqtt.testing.WebSocketWire.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.ConnectionLostException;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.WebSocketHandshakeException;
import dev.wren.mqtt.WebSocketOptions;
import dev.wren.mqtt.testing.AgainstWebSocketPeer;
import dev.wren.mqtt.testing.WebSocketPeer.Request;
import dev.wren.mqtt.testing.WebSocketPeer.Script;
import dev.wren.mqtt.testing.WebSocketWire.Frame;
import dev.wren.mqtt.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MqttClient} over {@code ws://} against the scripted WebSocket peer: what the upgrade
 * request carries, and how each failure reaches the application as a public exception.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientWebSocketPeerTest extends AgainstWebSocketPeer {

  private MqttClient client(String path, WebSocketOptions ws, long connectTimeoutMillis) {
    return new MqttClient(peerOptions(path, "peer", ws)
        .connectTimeout(connectTimeoutMillis, TimeUnit.MILLISECONDS).build());
  }

  /** Accepts with {@code mqtt}, reads CONNECT in a frame and answers CONNACK 0 in one. */
  private static Script connackd() {
    return new Script().accept()
        .expectFrame(BINARY, f -> assertEquals(Wire.CONNECT << 4, f.payload()[0] & 0xFF))
        .sendBinary(Wire.connAck(false, 0));
  }

  @Test void headersPathAndSubprotocolsReachTheServerAndCloseIsClean() throws Exception {
    peer.enqueue(new Script()
        .answer(r -> Script.switchingProtocols(r, "mqttv3.1"))
        .expectFrame(BINARY)
        .sendBinary(Wire.connAck(false, 0))
        .stall());
    WebSocketOptions ws = WebSocketOptions.builder().subprotocols("mqttv3.1", "mqtt")
        .addHeader("Authorization", "Bearer t0ken").addHeader("X-Trace", "a")
        .addHeader("X-Trace", "b").build();
    try (MqttClient c = client("/broker/ws?tenant=7", ws, 5_000)) {
      c.connect();
      assertTrue(c.isConnected());
      c.disconnect();
    }
    Request r = peer.takeRequest(5_000);
    assertEquals("GET /broker/ws?tenant=7 HTTP/1.1", r.requestLine());
    assertEquals("127.0.0.1:" + peer.port(), r.header("Host"));
    assertEquals("mqttv3.1, mqtt", r.header("Sec-WebSocket-Protocol"));
    assertEquals("Bearer t0ken", r.header("Authorization"));
    List<String> names = r.headerNames();
    assertEquals(List.of("Authorization", "X-Trace", "X-Trace"),
        names.subList(names.size() - 3, names.size()), names.toString());
    assertEquals(List.of("a", "b"), r.headers().stream()
        .filter(h -> h[0].equals("X-Trace")).map(h -> h[1]).toList());

    peer.awaitScriptsDone(5_000);
    List<Frame> frames = peer.frames();
    assertEquals(3, frames.size(), frames.toString());
    assertEquals(List.of(BINARY, BINARY, CLOSE), frames.stream().map(Frame::opcode).toList());
    assertEquals(Wire.DISCONNECT << 4, frames.get(1).payload()[0] & 0xFF, "DISCONNECT, then");
    assertEquals(1000, frames.get(2).closeCode());
  }

  @Test void aNon101AnswerIsTheHandshakeExceptionQuotingTheStatusLine() {
    peer.enqueue(new Script().answer(r -> "HTTP/1.1 401 Unauthorized\r\n"
        + "WWW-Authenticate: Bearer\r\nContent-Length: 0\r\n\r\n"));
    WebSocketOptions ws = WebSocketOptions.builder().addHeader("Authorization", "Bearer old")
        .build();
    try (MqttClient c = client("/mqtt", ws, 5_000)) {
      WebSocketHandshakeException e = assertThrows(WebSocketHandshakeException.class, c::connect);
      assertEquals(401, e.statusCode());
      assertEquals("the server at 127.0.0.1:" + peer.port() + "/mqtt refused the WebSocket"
          + " upgrade: HTTP/1.1 401 Unauthorized (expected 101 Switching Protocols; check the"
          + " credentials in the extra headers)", e.getMessage());
      assertFalse(e.getMessage().contains("Bearer old"), e.getMessage());
    }
  }

  @Test void aSilentServerIsATimeoutNamingTheWebSocketHandshake() throws Exception {
    peer.enqueue(new Script().readRequestAndStall());
    try (MqttClient c = client("/mqtt", null, 500)) {
      MqttTimeoutException e = assertThrows(MqttTimeoutException.class, c::connect);
      assertEquals("the WebSocket handshake with 127.0.0.1:" + peer.port() + "/mqtt did not"
          + " finish within the connect timeout of 500 ms (is it a WebSocket port?)",
          e.getMessage());
    }
  }

  @Test void theConnectTimeoutCoversTheUpgradeAndTheConnAckTogether() throws Exception {
    // The upgrade takes 600 ms of 1,000; the CONNACK gets only what is left, not a fresh second.
    peer.enqueue(new Script().sleep(600).accept().expectFrame(BINARY).stall());
    try (MqttClient c = client("/mqtt", null, 1_000)) {
      long start = System.nanoTime();
      MqttTimeoutException e = assertThrows(MqttTimeoutException.class, c::connect);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(e.getMessage().contains("connect timeout of 1000 ms"), e.getMessage());
      assertTrue(tookMillis >= 900 && tookMillis < 1_500,
          "connect timeout 1,000 ms, but connect() gave up after " + tookMillis + " ms");
    }
  }

  @Test void aProtocolErrorInTheReadLoopIsAnMqttProtocolException() throws Exception {
    peer.enqueue(connackd()
        .sendFrame(0x80 | TEXT, "hello".getBytes(StandardCharsets.UTF_8))
        .expectFrame(CLOSE, f -> assertEquals(1003, f.closeCode())));
    try (MqttClient c = client("/mqtt", null, 5_000)) {
      c.connect();
      listener.take("disconnected", 5_000);
      MqttProtocolException e = assertInstanceOf(MqttProtocolException.class, listener.lastCause());
      assertEquals("WebSocket protocol error from 127.0.0.1:" + peer.port() + ": text frame (MQTT"
          + " over WebSocket uses binary frames only) (closed with 1003)", e.getMessage());
    }
    peer.awaitScriptsDone(5_000);
  }

  @Test void theServersCloseFrameIsAnsweredAndNamedInTheLoss() throws Exception {
    peer.enqueue(connackd().sendClose(1001, "restarting")
        .expectFrame(CLOSE, f -> assertEquals(1001, f.closeCode())));
    try (MqttClient c = client("/mqtt", null, 5_000)) {
      c.connect();
      listener.take("disconnected", 5_000);
      ConnectionLostException e = assertInstanceOf(ConnectionLostException.class,
          listener.lastCause());
      assertTrue(e.getMessage().contains("broker closed the WebSocket: 1001"), e.getMessage());
      assertTrue(e.getMessage().contains("restarting"), e.getMessage());
    }
    peer.awaitScriptsDone(5_000);
  }
}
