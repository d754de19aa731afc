package dev.wren.mqtt.internal.transport.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.internal.transport.Connection;
import dev.wren.mqtt.internal.transport.ServerAddress;
import dev.wren.mqtt.internal.transport.TransportSettings;
import dev.wren.mqtt.internal.transport.Transports;
import dev.wren.mqtt.testing.WebSocketPeer;
import dev.wren.mqtt.testing.WebSocketWire;
import dev.wren.mqtt.testing.WebSocketWire.Frame;
import dev.wren.mqtt.testing.WebSocketPeer.Request;
import dev.wren.mqtt.testing.WebSocketPeer.Script;
import dev.wren.mqtt.testing.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link WebSocketUpgrade} and the connection it returns, against the scripted peer on loopback. */
@Timeout(20)
class WebSocketUpgradeTest {
  private static final byte[] PUBACK = Wire.pubAck(7);
  private WebSocketPeer peer;
  private Connection raw;

  @BeforeEach void startPeer() throws IOException {
    peer = WebSocketPeer.start();
  }

  @AfterEach void stopPeer() throws Exception {
    if (raw != null) raw.close();
    peer.close();
  }

  private WebSocketSettings.Builder settings() {
    return WebSocketSettings.builder("127.0.0.1", peer.port(), false);
  }

  private Connection upgrade(WebSocketSettings settings, int timeoutMillis) throws IOException {
    raw = Transports.open(ServerAddress.parse("tcp://127.0.0.1:" + peer.port()), new TransportSettings(null, null), 5_000);
    return WebSocketUpgrade.upgrade(raw, settings, timeoutMillis);
  }

  private Connection upgrade() throws IOException {
    return upgrade(settings().build(), 5_000);
  }

  private static byte[] readN(InputStream in, int n) throws IOException {
    byte[] b = new byte[n];
    for (int at = 0; at < n; ) {
      int r = in.read(b, at, n - at);
      if (r == -1) throw new AssertionError("end of stream after " + at + " of " + n + " bytes");
      at += r;
    }
    return b;
  }

  private WebSocketHandshakeException refusedBy(Function<Request, String> answer) {
    peer.enqueue(new Script().answer(answer));
    WebSocketHandshakeException e = assertThrows(WebSocketHandshakeException.class, this::upgrade);
    // The upgrade owns the raw connection and closed it.
    assertThrows(SocketException.class, () -> raw.setReadTimeout(1));
    return e;
  }

  @Test void requestCarriesTheHandshakeAndTheEchoRoundTrips() throws Exception {
    peer.enqueue(new Script().accept().echo());
    Connection ws = upgrade(settings().subprotocols(List.of("mqtt", "mqttv3.1"))
        .addHeader("Authorization", "Bearer t0ken").build(), 5_000);
    Request r = peer.takeRequest(5_000);
    assertEquals("GET /mqtt HTTP/1.1", r.requestLine());
    assertEquals(List.of("Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
        "Sec-WebSocket-Protocol", "Authorization"), r.headerNames());
    assertEquals("127.0.0.1:" + peer.port(), r.header("Host"));
    assertEquals("websocket", r.header("Upgrade"));
    assertEquals("Upgrade", r.header("Connection"));
    assertEquals(16, Base64.getDecoder().decode(r.header("Sec-WebSocket-Key")).length);
    assertEquals("13", r.header("Sec-WebSocket-Version"));
    assertEquals("mqtt, mqttv3.1", r.header("Sec-WebSocket-Protocol"));
    assertEquals("Bearer t0ken", r.header("Authorization"));

    byte[] publish = Wire.publish("t", "hello", 1, 9);
    ws.out().write(publish);
    ws.out().flush();
    ws.out().write(PUBACK);
    assertArrayEquals(Wire.concat(publish, PUBACK), readN(ws.in(), publish.length + PUBACK.length));
    Frame f1 = peer.takeFrame(5_000);
    assertTrue(f1.masked() && f1.fin());
    assertEquals(WebSocketWire.BINARY, f1.opcode());
    assertArrayEquals(publish, f1.payload(), "one frame per write: the whole packet");
    assertArrayEquals(PUBACK, peer.takeFrame(5_000).payload());

    ws.shutdownOutput();
    Frame close = peer.takeFrame(5_000);
    assertEquals(WebSocketWire.CLOSE, close.opcode());
    assertEquals(1000, close.closeCode());
    assertEquals("normal closure", close.closeReason());
    assertEquals(-1, ws.in().read(), "the echoed close ends the stream");
    ws.close();
  }

  @Test void aFrameSentTogetherWithThe101IsNotLost() throws Exception {
    byte[] frame = WebSocketWire.serverFrame(0x82, Wire.connAck(false, 0));
    peer.enqueue(new Script().answer(r -> Script.switchingProtocols(r, "mqtt")
        + new String(frame, StandardCharsets.ISO_8859_1)).stall());
    Connection ws = upgrade();
    assertArrayEquals(Wire.connAck(false, 0), readN(ws.in(), 4));
    ws.close();
  }

  @Test void non101AnswersAreRefused() {
    WebSocketHandshakeException e = refusedBy(r -> "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    assertEquals(403, e.statusCode());
    assertEquals("the server at 127.0.0.1:" + peer.port() + "/mqtt refused the WebSocket upgrade:"
        + " HTTP/1.1 403 Forbidden (expected 101 Switching Protocols; check the credentials: none"
        + " were sent)", e.getMessage());
    e = refusedBy(r -> "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html></html>");
    assertTrue(e.getMessage().contains("HTTP/1.1 200 OK (expected 101"), e.getMessage());
  }

  @Test void wrongAcceptKeyIsRefused() {
    WebSocketHandshakeException e = refusedBy(r -> Script.switchingProtocols(r, "mqtt")
        .replace(WebSocketWire.acceptFor(r.header("Sec-WebSocket-Key")), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    assertTrue(e.getMessage().contains("but Sec-WebSocket-Accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        + " (expected "), e.getMessage());
  }

  @Test void missingOrUnofferedSubprotocolIsRefused() {
    WebSocketHandshakeException missing = refusedBy(r -> Script.switchingProtocols(r, null));
    assertTrue(missing.getMessage().endsWith("but no Sec-WebSocket-Protocol: the server chose none of"
        + " the subprotocols offered (mqtt); is it an MQTT endpoint?"), missing.getMessage());
    WebSocketHandshakeException unknown = refusedBy(r -> Script.switchingProtocols(r, "mqttv5"));
    assertTrue(unknown.getMessage().contains("Sec-WebSocket-Protocol: mqttv5, which was not offered (mqtt)"),
        unknown.getMessage());
  }

  @Test void silentServerTimesOut() throws Exception {
    peer.enqueue(new Script().readRequestAndStall());
    SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
        () -> upgrade(settings().build(), 300));
    assertEquals("no complete answer to the WebSocket upgrade request from 127.0.0.1:"
        + peer.port() + "/mqtt within 300 ms", e.getMessage());
    assertThrows(SocketException.class, () -> raw.setReadTimeout(1));
    peer.awaitScriptsDone(5_000);
  }

  @Test void fragmentsAndInterleavedPings() throws Exception {
    byte[] publish = Wire.publish("a/b", "x".repeat(300), 0, 0);
    peer.enqueue(new Script().accept()
        .sendFrame(0x02, java.util.Arrays.copyOfRange(publish, 0, 2))
        .sendPing("keep".getBytes(StandardCharsets.US_ASCII))
        .sendFrame(0x00, java.util.Arrays.copyOfRange(publish, 2, 200))
        .sendPing(new byte[0])
        .sendFrame(0x80, java.util.Arrays.copyOfRange(publish, 200, publish.length))
        .expectFrame(WebSocketWire.PONG, f -> assertEquals("keep", new String(f.payload(), StandardCharsets.US_ASCII)))
        .expectFrame(WebSocketWire.PONG, f -> assertEquals(0, f.payload().length))
        .stall());
    Connection ws = upgrade();
    assertArrayEquals(publish, readN(ws.in(), publish.length));
    peer.takeFrame(5_000);
    peer.takeFrame(5_000);
    ws.close();
    peer.awaitScriptsDone(5_000);
  }

  @Test void brokerCloseIsAnsweredAndReported() throws Exception {
    peer.enqueue(new Script().accept().sendBinary(PUBACK).sendClose(1001, "going away")
        .expectFrame(WebSocketWire.CLOSE, f -> assertEquals(1001, f.closeCode())));
    Connection ws = upgrade();
    assertArrayEquals(PUBACK, readN(ws.in(), 4));
    WebSocketClosedException e = assertThrows(WebSocketClosedException.class, () -> ws.in().read());
    assertEquals("broker closed the WebSocket: 1001 going away", e.getMessage());
    peer.awaitScriptsDone(5_000);
    ws.close();
  }

  private void assertBadFrameClosesWith(byte[] bad, int code, String message, long maxPayload)
      throws Exception {
    peer.enqueue(new Script().accept().send(bad)
        .expectFrame(WebSocketWire.CLOSE, f -> assertEquals(code, f.closeCode())));
    Connection ws = upgrade(settings().maxInboundFramePayload(maxPayload).build(), 5_000);
    WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class, () -> ws.in().read());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    peer.awaitScriptsDone(5_000);
    ws.close();
  }

  @Test void textFrameIsRefusedWith1003() throws Exception {
    assertBadFrameClosesWith(WebSocketWire.serverFrame(0x81, "{}".getBytes(StandardCharsets.UTF_8)),
        1003, "text frame", 1024);
  }

  @Test void maskedFrameIsRefusedWith1002() throws Exception {
    assertBadFrameClosesWith(Wire.hex("82 85 37 fa 21 3d 7f 9f 4d 51 58"), 1002, "masked binary frame", 1024);
  }

  @Test void oversizeFrameIsRefusedWith1009() throws Exception {
    assertBadFrameClosesWith(WebSocketWire.serverFrame(0x82, new byte[2000]), 1009,
        "frame of 2000 bytes exceeds the maximum of 1024 bytes", 1024);
  }

  @Test void closeFromAnotherThreadUnblocksARead() throws Exception {
    peer.enqueue(new Script().accept().stall());
    Connection ws = upgrade();
    // Its own thread: on JDK 25 with 2 CPUs the common pool has one worker, which another
    // blocked task may hold.
    CompletableFuture<Throwable> read = CompletableFuture.supplyAsync(() -> {
      try {
        return new AssertionError("read returned " + ws.in().read());
      } catch (IOException e) {
        return e;
      }
    }, task -> new Thread(task, "blocked-reader").start());
    // Whether the read has started blocking or not, close() must end it.
    Thread.sleep(100);
    ws.close();
    assertTrue(read.get(5, TimeUnit.SECONDS) instanceof SocketException, String.valueOf(read.get()));
    peer.awaitScriptsDone(5_000);
  }

  @Test void readTimeoutMidFrameLosesNothing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    // A PUBACK in one frame whose last two bytes come only after the client has timed out.
    peer.enqueue(new Script().accept().send(Wire.hex("82 04 40 02")).await(release)
        .send(Wire.hex("00 07")).stall());
    Connection ws = upgrade();
    ws.setReadTimeout(50);
    assertArrayEquals(Wire.hex("40 02"), readN(ws.in(), 2));
    assertThrows(SocketTimeoutException.class, () -> ws.in().read());
    assertThrows(SocketTimeoutException.class, () -> ws.in().read(new byte[10], 0, 10));
    release.countDown();
    ws.setReadTimeout(5_000);
    assertArrayEquals(Wire.hex("00 07"), readN(ws.in(), 2));
    ws.close();
  }
}
