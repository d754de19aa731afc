package dev.wren.mqtt.internal.transport.ws;

import static dev.wren.mqtt.testing.WebSocketWire.closePayload;
import static dev.wren.mqtt.testing.WebSocketWire.serverFrame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.testing.WebSocketWire;
import dev.wren.mqtt.testing.WebSocketWire.Frame;
import dev.wren.mqtt.testing.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The reader over in-memory bytes: streaming, control frames, every protocol error. */
class FrameReaderTest {
  private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private final FrameWriter writer = new FrameWriter(sent, new FixedRandom(0x37fa213d), 1 << 20, "broker:80");

  private FrameReader reader(InputStream in, long max) {
    return new FrameReader(in, writer, max, "broker:80");
  }

  private FrameReader reader(byte[] wire) {
    return reader(new ByteArrayInputStream(wire), 1 << 20);
  }

  /** Reads the whole stream to its end (-1). */
  private static byte[] readAll(FrameReader reader) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[300];
    int n;
    while ((n = reader.read(buf, 0, buf.length)) != -1) out.write(buf, 0, n);
    return out.toByteArray();
  }

  /** The frames the reader's replies put on the wire, decoded. */
  private List<Frame> sentFrames() throws IOException {
    List<Frame> frames = new ArrayList<>();
    InputStream in = new ByteArrayInputStream(sent.toByteArray());
    Frame f;
    while ((f = WebSocketWire.readFrame(in)) != null) frames.add(f);
    return frames;
  }

  private static byte[] concat(byte[]... parts) {
    return Wire.concat(parts);
  }

  @Test void rfcExamplesAsBinaryFramesYieldTheirPayload() throws IOException {
    // Section 5.7's frames with the binary opcode (MQTT refuses text): single, fragmented, 256 B, 64 KiB.
    byte[] b256 = new byte[256];
    byte[] b64k = new byte[65536];
    new Random(7).nextBytes(b256);
    new Random(8).nextBytes(b64k);
    byte[] wire = concat(Wire.hex("82 05 48 65 6c 6c 6f"), Wire.hex("02 03 48 65 6c 80 02 6c 6f"),
        Wire.hex("82 7e 01 00"), b256, Wire.hex("82 7f 00 00 00 00 00 01 00 00"), b64k);
    assertArrayEquals(concat(HELLO, HELLO, b256, b64k), readAll(reader(wire)));
    assertEquals(0, sent.size());
  }

  @Test void rfcPingIsAnsweredWithTheRfcMaskedPong() throws IOException {
    byte[] wire = concat(Wire.hex("89 05 48 65 6c 6c 6f"), serverFrame(0x82, HELLO));
    assertArrayEquals(HELLO, readAll(reader(wire)));
    assertEquals("8a 85 37 fa 21 3d 7f 9f 4d 51 58", Wire.hex(sent.toByteArray()));
  }

  @Test void packetsSpanFramesAndFramesHoldSeveralPackets() throws IOException {
    byte[] pubAck = Wire.pubAck(7);
    byte[] ping = Wire.pingResp();
    byte[] publish = Wire.publish("a/b", "payload".getBytes(StandardCharsets.UTF_8), 1, 9, false, false);
    byte[] stream = concat(pubAck, ping, publish);
    // Cut the MQTT stream at arbitrary points: frame 1 holds two packets and a bit, frames 2..3
    // carry the rest of the publish as a fragmented message, with a ping and a pong between.
    byte[] wire = concat(serverFrame(0x82, java.util.Arrays.copyOfRange(stream, 0, 7)),
        serverFrame(0x02, java.util.Arrays.copyOfRange(stream, 7, 10)),
        serverFrame(0x89, Wire.hex("01 02")),
        serverFrame(0x8A, Wire.hex("03")),
        serverFrame(0x00, new byte[0]),
        serverFrame(0x80, java.util.Arrays.copyOfRange(stream, 10, stream.length)),
        serverFrame(0x82, new byte[0]));
    assertArrayEquals(stream, readAll(reader(wire)));
    List<Frame> replies = sentFrames();
    assertEquals(1, replies.size());
    assertEquals(WebSocketWire.PONG, replies.get(0).opcode());
    assertEquals("01 02", Wire.hex(replies.get(0).payload()));
  }

  @Test void singleByteReadsWalkThePayload() throws IOException {
    FrameReader r = reader(concat(serverFrame(0x02, Wire.hex("0a")), serverFrame(0x80, Wire.hex("0b 0c"))));
    byte[] one = new byte[1];
    for (int expected : new int[] {0x0a, 0x0b, 0x0c}) {
      assertEquals(1, r.read(one, 0, 1));
      assertEquals(expected, one[0]);
    }
    assertEquals(-1, r.read(one, 0, 1));
    assertEquals(0, r.read(one, 0, 0), "a zero-length read after the end");
  }

  static Stream<Arguments> protocolErrors() {
    return Stream.of(
        Arguments.of("masked server frame", "82 85 37 fa 21 3d 7f 9f 4d 51 58", 1002, "masked binary frame"),
        Arguments.of("RSV1", "c2 00", 1002, "reserved bits"),
        Arguments.of("RSV2", "a2 00", 1002, "reserved bits"),
        Arguments.of("RSV3", "92 00", 1002, "reserved bits"),
        Arguments.of("opcode 3", "83 00", 1002, "unknown opcode 0x3"),
        Arguments.of("opcode 0xB", "8b 00", 1002, "unknown opcode 0xb"),
        Arguments.of("text frame", "81 05 48 65 6c 6c 6f", 1003, "text frame"),
        Arguments.of("ping of 126 bytes", "89 7e 00 7e", 1002, "ping frame longer than 125 bytes"),
        Arguments.of("close of 127-code length", "88 7f", 1002, "close frame longer than 125 bytes"),
        Arguments.of("fragmented ping", "09 00", 1002, "fragmented ping frame"),
        Arguments.of("continuation first", "80 02 ab cd", 1002, "continuation frame without"),
        Arguments.of("binary inside a fragmented message", "02 01 aa 82 01 bb", 1002,
            "binary frame while a fragmented message is still open"),
        Arguments.of("64-bit length with the top bit", "82 7f 80 00 00 00 00 00 00 00", 1002,
            "most significant bit"),
        Arguments.of("close with 1 byte", "88 01 03", 1002, "1-byte payload"),
        Arguments.of("close code 1005", "88 02 03 ed", 1002, "invalid status code 1005"),
        Arguments.of("close code 999", "88 02 03 e7", 1002, "invalid status code 999"),
        Arguments.of("close code 2000", "88 02 07 d0", 1002, "invalid status code 2000"),
        Arguments.of("frame over the maximum", "82 7e 04 01", 1009, "frame of 1025 bytes exceeds the maximum of 1024"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocolErrors")
  void protocolErrorsFailWithACloseFrame(String name, String hex, int code, String message)
      throws IOException {
    FrameReader r = reader(new ByteArrayInputStream(Wire.hex(hex)), 1024);
    byte[] buf = new byte[10];
    // The one valid byte of "binary inside a fragmented message" comes out first.
    if (name.startsWith("binary inside")) assertEquals(1, r.read(buf, 0, 10));
    WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class, () -> r.read(buf, 0, 10));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().startsWith("WebSocket protocol error from broker:80: "), e.getMessage());
    assertEquals(code, e.closeCode());
    List<Frame> replies = sentFrames();
    assertEquals(1, replies.size(), replies.toString());
    assertEquals(WebSocketWire.CLOSE, replies.get(0).opcode());
    assertEquals(code, replies.get(0).closeCode());
    // The failure is final: the next read throws the same, and no second close frame goes out.
    assertSame(e, assertThrows(WebSocketProtocolException.class, () -> r.read(buf, 0, 10)));
    assertEquals(1, sentFrames().size());
  }

  @Test void hugeLengthIsRefusedFromTheHeaderAlone() throws IOException {
    // 2^62 bytes announced: refused after the 10 header bytes, nothing allocated or read.
    CountingInput in = new CountingInput(concat(Wire.hex("82 7f 40 00 00 00 00 00 00 00"), new byte[100]));
    FrameReader r = reader(in, 268_435_460L);
    WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
        () -> r.read(new byte[10], 0, 10));
    assertEquals(1009, e.closeCode());
    assertTrue(e.getMessage().contains("4611686018427387904") && e.getMessage().contains("268435460"),
        e.getMessage());
    assertEquals(10, in.consumed);
    assertEquals(1009, sentFrames().get(0).closeCode());
  }

  @Test void frameAtTheMaximumIsAccepted() throws IOException {
    byte[] payload = new byte[1024];
    assertArrayEquals(payload, readAll(reader(new ByteArrayInputStream(serverFrame(0x82, payload)), 1024)));
  }

  @Test void unaskedCloseIsAnsweredAndNamed() throws IOException {
    byte[] wire = concat(serverFrame(0x82, HELLO), serverFrame(0x88, closePayload(1001, "")));
    FrameReader r = reader(wire);
    byte[] buf = new byte[10];
    assertEquals(5, r.read(buf, 0, 10));
    WebSocketClosedException e = assertThrows(WebSocketClosedException.class, () -> r.read(buf, 0, 10));
    assertEquals("broker closed the WebSocket: 1001 going away", e.getMessage());
    assertEquals(1001, e.code());
    assertEquals("", e.reason());
    List<Frame> replies = sentFrames();
    assertEquals(1, replies.size());
    assertEquals(1001, replies.get(0).closeCode());
    assertSame(e, assertThrows(WebSocketClosedException.class, () -> r.read(buf, 0, 10)));
  }

  @Test void closeReasonIsQuoted() throws IOException {
    FrameReader r = reader(serverFrame(0x88, closePayload(1008, "not authorised")));
    WebSocketClosedException e = assertThrows(WebSocketClosedException.class, () -> readAll(r));
    assertEquals("broker closed the WebSocket: 1008 policy violation (not authorised)", e.getMessage());
    assertEquals(1008, sentFrames().get(0).closeCode());
  }

  @Test void closeWithoutCodeIsAnsweredWithoutCode() throws IOException {
    FrameReader r = reader(Wire.hex("88 00"));
    WebSocketClosedException e = assertThrows(WebSocketClosedException.class, () -> readAll(r));
    assertEquals("broker closed the WebSocket without a status code", e.getMessage());
    assertEquals(1005, e.code());
    assertEquals(0, sentFrames().get(0).payload().length);
  }

  @Test void closeAnsweringOursEndsTheStream() throws IOException {
    assertTrue(writer.writeClose(1000, "normal closure"));
    FrameReader r = reader(concat(serverFrame(0x82, HELLO), serverFrame(0x88, closePayload(1000, ""))));
    assertArrayEquals(HELLO, readAll(r));
    assertEquals(-1, r.read(new byte[1], 0, 1));
    assertEquals(1, sentFrames().size(), "no second close frame");
  }

  @Test void endOfStreamMidFrameSaysSo() {
    for (String hex : new String[] {"82", "82 7e 01", "82 05 48 65", "89 05 48"}) {
      FrameReader r = reader(Wire.hex(hex));
      EOFException e = assertThrows(EOFException.class, () -> readAll(r), hex);
      assertTrue(e.getMessage().contains("middle of a WebSocket frame"), e.getMessage());
    }
  }

  @Test void onlyFramesWithoutDataEndTheReadAtItsTimeout() {
    // Empty binary frames and pongs without end: the read must give up, not loop forever.
    EmptyFrames in = new EmptyFrames(Long.MAX_VALUE, new byte[0]);
    FrameReader r = reader(in, 1024);
    r.readTimeout(50);
    SocketTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(SocketTimeoutException.class, () -> r.read(new byte[10], 0, 10)));
    assertEquals("only WebSocket frames without data (empty, ping or pong) from broker:80 for"
        + " the read timeout of 50 ms", e.getMessage());
    assertTrue(in.consumed > 0, "the frames were consumed, not spun on");
  }

  @Test void aReadThatTimedOutOnEmptyFramesCarriesOn() throws IOException {
    // 300 ms of empty frames, then "Hello": reads with a 20 ms timeout time out, then get it.
    FrameReader r = reader(new EmptyFrames(300, serverFrame(0x82, HELLO)), 1024);
    r.readTimeout(20);
    byte[] buf = new byte[10];
    int timeouts = 0;
    int n;
    while (true) {
      try {
        n = r.read(buf, 0, buf.length);
        break;
      } catch (SocketTimeoutException e) {
        timeouts++;
      }
    }
    assertTrue(timeouts > 0, "the read did not time out");
    assertArrayEquals(HELLO, Arrays.copyOf(buf, n));
    assertEquals(-1, r.read(buf, 0, buf.length));
  }

  /**
   * Empty binary frames and empty pongs, in turn, for {@code millis} (at frame boundaries), then
   * {@code tail}, then the end of the stream.
   */
  private static final class EmptyFrames extends InputStream {
    private static final byte[] FRAMES = Wire.hex("82 00 8a 00");
    private final long endNanos;
    private final InputStream tail;
    private int at;
    long consumed;

    EmptyFrames(long millis, byte[] tail) {
      long now = System.nanoTime();
      this.endNanos = millis == Long.MAX_VALUE ? Long.MAX_VALUE : now + millis * 1_000_000L;
      this.tail = new ByteArrayInputStream(tail);
    }

    @Override public int read() throws IOException {
      if (at == 0 && System.nanoTime() - endNanos >= 0 && endNanos != Long.MAX_VALUE) {
        return tail.read();
      }
      consumed++;
      int b = FRAMES[at] & 0xFF;
      at = (at + 1) % FRAMES.length;
      return b;
    }
  }

  /** Counts the bytes read from it. */
  private static final class CountingInput extends ByteArrayInputStream {
    int consumed;

    CountingInput(byte[] bytes) {
      super(bytes);
    }

    @Override public synchronized int read() {
      int b = super.read();
      if (b >= 0) consumed++;
      return b;
    }

    @Override public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      if (n > 0) consumed += n;
      return n;
    }
  }
}
