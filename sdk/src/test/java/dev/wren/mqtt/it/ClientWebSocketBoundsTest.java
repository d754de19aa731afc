package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.WebSocketWire.BINARY;
import static dev.wren.mqtt.testing.WebSocketWire.CLOSE;
import static dev.wren.mqtt.testing.WebSocketWire.PONG;
import static dev.wren.mqtt.testing.WebSocketWire.writeRepeatedFrame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.WebSocketHandshakeException;
import dev.wren.mqtt.WebSocketOptions;
import dev.wren.mqtt.testing.AgainstWebSocketPeer;
import dev.wren.mqtt.testing.WebSocketPeer.Script;
import dev.wren.mqtt.testing.Wire;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.SocketException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hostile WebSocket peer against {@link MqttClient} (issue 15): every inbound buffer and every
 * read is bounded by the maximum packet size and the read timeout, whatever the frames announce.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientWebSocketBoundsTest extends AgainstWebSocketPeer {
  private static final byte[] PINGRESP = {(byte) 0xD0, 0x00};
  /** The default frame limit: the default maxInboundPacketSize (1 MiB) + 65,536. */
  private static final long DEFAULT_LIMIT = 1024 * 1024 + 65_536;
  /**
   * Bytes of PINGRESPs streamed in one frame by the allocation test; 200 MB was measured too
   * (-Dwren.test.wsFloodBytes=200000000), but takes half a minute on a small machine.
   */
  private static final long FLOOD_BYTES = Long.getLong("wren.test.wsFloodBytes", 32L << 20);
  /**
   * What the I/O thread may allocate while it reads the flood: a socket timeout boxed when it
   * changes (once a millisecond): 36 to 46 KB here, 52 KB for 200 MB. Before the fix each PINGRESP cost 32 to 72
   * bytes (a FixedHeader, an empty body, two boxed timeouts, the trace call's array and a
   * BodyReader unless the JIT removed them): 0.5 to 1.2 GB for this flood.
   */
  private static final long ALLOCATION_BOUND = 8L << 20;

  private MqttClient client(String clientId, WebSocketOptions ws, int keepAliveSeconds) {
    return new MqttClient(peerOptions("/mqtt", clientId, ws)
        .keepAliveSeconds(keepAliveSeconds).pingTimeout(1, TimeUnit.SECONDS)
        .connectTimeout(5_000, TimeUnit.MILLISECONDS).build());
  }

  /** A final binary frame of {@code length} bytes of PINGRESPs, made as it is sent. */
  private static Script flood(Script s, long length) {
    return s.step("flood of " + length + " bytes", (in, out) ->
        writeRepeatedFrame(out, 0x82, length, PINGRESP, new AtomicLong()));
  }

  /** As {@link #flood}, until the client closes; {@code sent} counts the bytes that went out. */
  private static Script floodUntilClosed(Script s, long length, AtomicLong sent) {
    return s.step("flood of " + length + " bytes until the client closes", (in, out) ->
        untilClosed(() -> writeRepeatedFrame(out, 0x82, length, PINGRESP, sent)));
  }

  private interface Writes {
    void run() throws IOException;
  }

  /** Runs {@code writes}; the client closing the connection ends them quietly. */
  private static void untilClosed(Writes writes) throws IOException {
    try {
      writes.run();
    } catch (SocketException e) {
      // the client hung up, as the test expects
    }
  }

  private static Script connackd() {
    return new Script().accept()
        .expectFrame(BINARY, f -> assertEquals(Wire.CONNECT << 4, f.payload()[0] & 0xFF))
        .sendBinary(Wire.connAck(false, 0));
  }

  /** A ping the client answers only once it has read everything before it. */
  private static Script pingMarker(Script s, CountDownLatch answered) {
    return s.sendPing(new byte[] {42}).expectFrame(PONG, f -> {
      assertArrayEquals(new byte[] {42}, f.payload());
      answered.countDown();
    });
  }

  /** Bytes the I/O thread of client {@code clientId} has allocated so far. */
  private static long ioThreadAllocated(String clientId) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("wren-io-" + clientId)) {
        return threads.getThreadAllocatedBytes(t.getId());
      }
    }
    throw new AssertionError("no thread wren-io-" + clientId);
  }

  private MqttProtocolException awaitRefusal() throws InterruptedException {
    listener.take("disconnected", 10_000);
    return assertInstanceOf(MqttProtocolException.class, listener.lastCause());
  }

  @Test void aFrameOf200MegabytesIsRefusedFromItsHeader() throws Exception {
    AtomicLong sent = new AtomicLong();
    peer.enqueue(floodUntilClosed(connackd(), 200_000_000L, sent)
        .expectFrame(CLOSE, f -> assertEquals(1009, f.closeCode())));
    try (MqttClient c = client("flood-refused", null, 60)) {
      c.connect();
      MqttProtocolException e = awaitRefusal();
      assertEquals("WebSocket protocol error from 127.0.0.1:" + peer.port() + ": frame of"
          + " 200000000 bytes exceeds the maximum of " + DEFAULT_LIMIT + " bytes"
          + " (maxInboundFramePayload, by default maxInboundPacketSize + 65536; raise"
          + " WebSocketOptions.maxInboundFramePayload to accept it) (closed with 1009)",
          e.getMessage());
    }
    peer.awaitScriptsDone(10_000);
    // What the socket buffers took before the client hung up, not the 200 MB.
    assertTrue(sent.get() < 32L << 20, sent.get() + " bytes went out before the client closed");
  }

  @Test void aFrameJustOverTheLimitIsRefusedAndOneAtTheLimitAccepted() throws Exception {
    // maxInboundPacketSize 4,096: frames of up to 4,096 + 65,536 bytes.
    long limit = 4_096 + 65_536;
    CountDownLatch answered = new CountDownLatch(1);
    peer.enqueue(floodUntilClosed(pingMarker(flood(connackd(), limit), answered), limit + 1,
        new AtomicLong()).expectFrame(CLOSE, f -> assertEquals(1009, f.closeCode())));
    try (MqttClient c = new MqttClient(MqttOptions.builder()
        .serverUri("ws://127.0.0.1:" + peer.port() + "/mqtt").clientId("at-limit")
        .maxInboundPacketSize(4_096).reconnect(ReconnectOptions.disabled()).listener(listener)
        .build())) {
      c.connect();
      assertTrue(answered.await(10, TimeUnit.SECONDS), "the frame at the limit was not read");
      MqttProtocolException e = awaitRefusal();
      assertTrue(e.getMessage().contains("frame of " + (limit + 1) + " bytes exceeds the maximum"
          + " of " + limit + " bytes"), e.getMessage());
    }
    peer.awaitScriptsDone(10_000);
  }

  @Test void pingRespsStreamedInOneFrameCostNoAllocationPerPacket() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch answered = new CountDownLatch(1);
    peer.enqueue(pingMarker(flood(connackd().await(go), FLOOD_BYTES), answered).stall());
    WebSocketOptions ws = WebSocketOptions.builder().maxInboundFramePayload(256L << 20).build();
    try (MqttClient c = client("flood-streamed", ws, 60)) {
      c.connect();
      long before = ioThreadAllocated("flood-streamed");
      go.countDown();
      assertTrue(answered.await(100, TimeUnit.SECONDS), "the flood was not read");
      long allocated = ioThreadAllocated("flood-streamed") - before;
      System.out.println("I/O thread allocated " + allocated + " bytes reading " + FLOOD_BYTES
          + " bytes of PINGRESPs in one frame");
      assertTrue(allocated < ALLOCATION_BOUND, "the I/O thread allocated " + allocated
          + " bytes reading " + FLOOD_BYTES + " bytes of PINGRESPs");
      assertTrue(c.isConnected());
      assertEquals(1, listener.all().size(), "only 'connected': " + listener.all());
    }
  }

  @Test void emptyFramesDoNotHoldTheReadPastItsTimeout() throws Exception {
    // Nothing but empty binary frames: the read must still return, so keep-alive runs, sends
    // PINGREQ and gives up when no PINGRESP comes.
    CountDownLatch closed = new CountDownLatch(1);
    byte[] empties = new byte[8 * 1024];
    for (int i = 0; i < empties.length; i += 2) empties[i] = (byte) 0x82;
    peer.enqueue(connackd().step("empty frames until the client closes", (in, out) -> {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      untilClosed(() -> {
        while (System.nanoTime() - end < 0) out.write(empties);
      });
      closed.countDown();
    }));
    try (MqttClient c = client("empty-frames", null, 1)) {
      c.connect();
      listener.take("disconnected", 10_000);
      MqttTimeoutException e = assertInstanceOf(MqttTimeoutException.class, listener.lastCause());
      assertTrue(e.getMessage().contains("no PINGRESP"), e.getMessage());
    }
    assertTrue(closed.await(10, TimeUnit.SECONDS));
  }

  @Test void anAnswerWithTooManyHeaderLinesIsRefused() {
    peer.enqueue(new Script().answer(r -> Script.switchingProtocols(r, "mqtt")
        .replace("\r\n\r\n", "\r\n" + "X-A: 1\r\n".repeat(150) + "\r\n")));
    try (MqttClient c = client("many-headers", null, 60)) {
      WebSocketHandshakeException e = assertThrows(WebSocketHandshakeException.class, c::connect);
      assertEquals("the answer of 127.0.0.1:" + peer.port() + "/mqtt to the WebSocket upgrade"
          + " request has more than 100 header lines: HTTP/1.1 101 Switching Protocols",
          e.getMessage());
    }
  }

  @Test void anAnswerWithAnOversizeHeadIsRefused() {
    peer.enqueue(new Script().answer(r -> Script.switchingProtocols(r, "mqtt")
        .replace("\r\n\r\n", "\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n")));
    try (MqttClient c = client("big-head", null, 60)) {
      WebSocketHandshakeException e = assertThrows(WebSocketHandshakeException.class, c::connect);
      assertTrue(e.getMessage().contains("has a head larger than 16384 bytes"), e.getMessage());
    }
  }
}
