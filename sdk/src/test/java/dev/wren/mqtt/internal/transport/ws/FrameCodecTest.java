package dev.wren.mqtt.internal.transport.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.testing.WebSocketWire;
import dev.wren.mqtt.testing.WebSocketWire.Frame;
import dev.wren.mqtt.testing.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frame headers, masking and the writer, against RFC 6455 section 5.7's byte vectors. */
class FrameCodecTest {
  private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RFC_MASK = Wire.hex("37 fa 21 3d");

  private static FrameHeader parse(String hex) throws WebSocketProtocolException {
    byte[] b = Wire.hex(hex);
    return FrameHeader.parse(Arrays.copyOf(b, 14), b.length);
  }

  private static String encode(boolean fin, int opcode, long length, byte[] mask) {
    byte[] dst = new byte[14];
    int n = FrameHeader.encode(fin, opcode, length, mask, dst, 0);
    return Wire.hex(Arrays.copyOf(dst, n));
  }

  @Test void rfcSingleFrameUnmaskedText() throws Exception {
    FrameHeader h = parse("81 05");
    assertTrue(h.fin());
    assertEquals(WebSocketProtocol.OPCODE_TEXT, h.opcode());
    assertEquals(5, h.payloadLength());
    assertEquals(2, h.headerLength());
    assertEquals("81 05", encode(true, WebSocketProtocol.OPCODE_TEXT, 5, null));
  }

  @Test void rfcSingleFrameMaskedText() {
    byte[] frame = new byte[11];
    int n = FrameHeader.encode(true, WebSocketProtocol.OPCODE_TEXT, 5, RFC_MASK, frame, 0);
    System.arraycopy(HELLO, 0, frame, n, 5);
    FrameHeader.toggleMask(frame, n, 5, RFC_MASK, 0);
    assertEquals("81 85 37 fa 21 3d 7f 9f 4d 51 58", Wire.hex(frame));
  }

  @Test void writerMasksHelloLikeTheRfcExample() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FrameWriter(out, new FixedRandom(0x37fa213d), 1 << 20, "peer").writeBinary(HELLO, 0, 5);
    // The RFC's example is a text frame (0x81); ours is binary (0x82), the rest is identical.
    assertEquals("82 85 37 fa 21 3d 7f 9f 4d 51 58", Wire.hex(out.toByteArray()));
  }

  @Test void rfcFragmentedUnmaskedText() throws Exception {
    FrameHeader first = parse("01 03 48 65 6c");
    assertFalse(first.fin());
    assertEquals(WebSocketProtocol.OPCODE_TEXT, first.opcode());
    assertEquals(3, first.payloadLength());
    FrameHeader last = parse("80 02 6c 6f");
    assertTrue(last.fin());
    assertEquals(WebSocketProtocol.OPCODE_CONTINUATION, last.opcode());
    assertEquals(2, last.payloadLength());
    assertEquals("01 03", encode(false, WebSocketProtocol.OPCODE_TEXT, 3, null));
    assertEquals("80 02", encode(true, WebSocketProtocol.OPCODE_CONTINUATION, 2, null));
  }

  @Test void rfcUnmaskedPingAndMaskedPong() throws Exception {
    FrameHeader ping = parse("89 05 48 65 6c 6c 6f");
    assertEquals(WebSocketProtocol.OPCODE_PING, ping.opcode());
    assertEquals(5, ping.payloadLength());
    byte[] pong = new byte[11];
    int n = FrameHeader.encode(true, WebSocketProtocol.OPCODE_PONG, 5, RFC_MASK, pong, 0);
    System.arraycopy(HELLO, 0, pong, n, 5);
    FrameHeader.toggleMask(pong, n, 5, RFC_MASK, 0);
    assertEquals("8a 85 37 fa 21 3d 7f 9f 4d 51 58", Wire.hex(pong));
  }

  @Test void rfc256ByteAnd64KiBBinaryHeaders() throws Exception {
    assertEquals("82 7e 01 00", encode(true, WebSocketProtocol.OPCODE_BINARY, 256, null));
    FrameHeader h256 = parse("82 7e 01 00");
    assertEquals(256, h256.payloadLength());
    assertEquals(4, h256.headerLength());
    assertEquals("82 7f 00 00 00 00 00 01 00 00",
        encode(true, WebSocketProtocol.OPCODE_BINARY, 65536, null));
    FrameHeader h64k = parse("82 7f 00 00 00 00 00 01 00 00");
    assertEquals(65536, h64k.payloadLength());
    assertEquals(10, h64k.headerLength());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 125, 126, 127, 65535, 65536, 1L << 31, (1L << 62), Long.MAX_VALUE})
  void lengthsRoundTripInTheShortestForm(long length) throws Exception {
    byte[] dst = new byte[14];
    int n = FrameHeader.encode(true, WebSocketProtocol.OPCODE_BINARY, length, null, dst, 0);
    int expected = length <= 125 ? 2 : length <= 65535 ? 4 : 10;
    assertEquals(expected, n);
    for (int available = 0; available < n; available++) {
      assertNull(FrameHeader.parse(dst, available), "complete after " + available + " bytes?");
    }
    FrameHeader h = FrameHeader.parse(dst, n);
    assertEquals(length, h.payloadLength());
    assertEquals(n, h.headerLength());
    // The same length masked: 4 more bytes, the mask bit set, the key after the length.
    int m = FrameHeader.encode(true, WebSocketProtocol.OPCODE_BINARY, length, RFC_MASK, dst, 0);
    assertEquals(n + 4, m);
    assertEquals(0x80, dst[1] & 0x80);
    assertEquals(m, FrameHeader.bytesNeeded(dst[1] & 0xFF));
    assertEquals("37 fa 21 3d", Wire.hex(Arrays.copyOfRange(dst, n, m)));
  }

  @Test void maskingInChunksEqualsMaskingAtOnce() {
    byte[] data = new byte[1000];
    new Random(1).nextBytes(data);
    byte[] whole = data.clone();
    FrameHeader.toggleMask(whole, 0, 1000, RFC_MASK, 0);
    byte[] chunked = data.clone();
    FrameHeader.toggleMask(chunked, 0, 7, RFC_MASK, 0);
    FrameHeader.toggleMask(chunked, 7, 500, RFC_MASK, 7);
    FrameHeader.toggleMask(chunked, 507, 493, RFC_MASK, 507);
    assertArrayEquals(whole, chunked);
    FrameHeader.toggleMask(chunked, 0, 1000, RFC_MASK, 0);
    assertArrayEquals(data, chunked);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 125, 126, 8192, 8193, 20_000, 65535, 65536, 70_000})
  void writerFramesEachWriteAsOneMaskedBinaryFrame(int size) throws IOException {
    byte[] payload = new byte[size + 3];
    new Random(size).nextBytes(payload);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FrameWriter(out, new SecureRandom(), 1 << 20, "peer").writeBinary(payload, 3, size);
    byte[] wire = out.toByteArray();
    int header = (size <= 125 ? 2 : size <= 65535 ? 4 : 10) + 4;
    assertEquals(header + size, wire.length);
    InputStream in = new ByteArrayInputStream(wire);
    Frame f = WebSocketWire.readFrame(in);
    assertTrue(f.fin());
    assertTrue(f.masked());
    assertEquals(0, f.rsv());
    assertEquals(WebSocketWire.BINARY, f.opcode());
    assertArrayEquals(Arrays.copyOfRange(payload, 3, size + 3), f.payload());
    assertEquals(-1, in.read());
  }

  @Test void writesLongerThanTheFrameLimitGoOutAsSeveralFinalBinaryFrames() throws IOException {
    byte[] payload = new byte[250];
    new Random(9).nextBytes(payload);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FrameWriter(out, new SecureRandom(), 100, "peer").writeBinary(payload, 0, 250);
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    int[] sizes = {100, 100, 50};
    for (int size : sizes) {
      Frame f = WebSocketWire.readFrame(in);
      assertTrue(f.fin() && f.masked(), f.toString());
      assertEquals(WebSocketWire.BINARY, f.opcode());
      assertEquals(size, f.payload().length);
      joined.writeBytes(f.payload());
    }
    assertEquals(-1, in.read());
    assertArrayEquals(payload, joined.toByteArray());
  }

  @Test void everyFrameGetsAFreshMaskKey() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameWriter writer = new FrameWriter(out, new SecureRandom(), 1 << 20, "peer");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      out.reset();
      writer.writeBinary(HELLO, 0, 5);
      keys.add(Wire.hex(Arrays.copyOfRange(out.toByteArray(), 2, 6)));
    }
    // Four 32-bit keys from SecureRandom: a repeat would be a 1 in 700 million event.
    assertEquals(4, keys.stream().distinct().count(), keys.toString());
    assertNotEquals("00 00 00 00", keys.get(0));
  }

  @Test void emptyWritesSendNothing() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FrameWriter(out, new SecureRandom(), 1 << 20, "peer").writeBinary(HELLO, 2, 0);
    assertEquals(0, out.size());
  }

  @Test void afterACloseFrameOnlyErrorsAndSilence() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameWriter writer = new FrameWriter(out, new FixedRandom(0), 1 << 20, "broker:80");
    assertTrue(writer.writeClose(1000, "normal closure"));
    assertEquals("88 90 00 00 00 00 03 e8 6e 6f 72 6d 61 6c 20 63 6c 6f 73 75 72 65",
        Wire.hex(out.toByteArray()));
    assertFalse(writer.writeClose(1002, "protocol error"));
    writer.writePong(HELLO, 5);
    IOException e = assertThrows(IOException.class, () -> writer.writeBinary(HELLO, 0, 5));
    assertTrue(e.getMessage().contains("broker:80") && e.getMessage().contains("closing"),
        e.getMessage());
    assertEquals(22, out.size());
  }

  @Test void closePayloads() {
    assertEquals("", Wire.hex(FrameWriter.closePayload(1005, "ignored")));
    assertEquals("03 e9", Wire.hex(FrameWriter.closePayload(1001, "")));
    assertThrows(IllegalArgumentException.class, () -> FrameWriter.closePayload(999, ""));
    assertThrows(IllegalArgumentException.class, () -> FrameWriter.closePayload(1000, "x".repeat(124)));
    assertEquals(125, FrameWriter.closePayload(1000, "x".repeat(123)).length);
  }

  @Test void concurrentWritersNeverSplitAFrame() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameWriter writer = new FrameWriter(out, new SecureRandom(), 1 << 20, "peer");
    int threads = 3;
    int framesEach = 20;
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < threads; t++) {
      byte[] payload = new byte[20_000];
      Arrays.fill(payload, (byte) t);
      workers.add(new Thread(() -> {
        try {
          for (int i = 0; i < framesEach; i++) writer.writeBinary(payload, 0, payload.length);
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    Thread ponger = new Thread(() -> {
      try {
        for (int i = 0; i < 50; i++) writer.writePong(HELLO, 5);
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    workers.add(ponger);
    for (Thread w : workers) w.start();
    for (Thread w : workers) w.join(10_000);
    assertTrue(failures.isEmpty(), failures.toString());
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    int binary = 0;
    int pongs = 0;
    Frame f;
    while ((f = WebSocketWire.readFrame(in)) != null) {
      if (f.opcode() == WebSocketWire.PONG) {
        assertArrayEquals(HELLO, f.payload());
        pongs++;
      } else {
        assertEquals(20_000, f.payload().length);
        byte first = f.payload()[0];
        for (byte b : f.payload()) assertEquals(first, b, "a frame mixes two writers' bytes");
        binary++;
      }
    }
    assertEquals(threads * framesEach, binary);
    assertEquals(50, pongs);
  }
}
