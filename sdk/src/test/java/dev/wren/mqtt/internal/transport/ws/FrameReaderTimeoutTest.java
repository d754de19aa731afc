package dev.wren.mqtt.internal.transport.ws;

import static dev.wren.mqtt.testing.WebSocketWire.closePayload;
import static dev.wren.mqtt.testing.WebSocketWire.serverFrame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wren.mqtt.testing.WebSocketWire;
import dev.wren.mqtt.testing.WebSocketWire.Frame;
import dev.wren.mqtt.testing.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * A read timeout at any byte of any frame loses nothing: the reader's state survives the
 * {@link SocketTimeoutException} and the next read carries on, as the I/O thread needs.
 */
class FrameReaderTimeoutTest {
  /** Hands out bytes, throwing one SocketTimeoutException before each position the predicate picks. */
  private static final class TimeoutInput extends InputStream {
    private final byte[] data;
    private final IntPredicate timeoutBefore;
    private final int maxChunk;
    private int position;
    private int lastTimeoutAt = -1;
    int timeouts;

    TimeoutInput(byte[] data, IntPredicate timeoutBefore, int maxChunk) {
      this.data = data;
      this.timeoutBefore = timeoutBefore;
      this.maxChunk = maxChunk;
    }

    @Override public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) return 0;
      if (position == data.length) return -1;
      if (timeoutBefore.test(position) && lastTimeoutAt != position) {
        lastTimeoutAt = position;
        timeouts++;
        throw new SocketTimeoutException("scripted timeout before byte " + position);
      }
      int n = Math.min(Math.min(len, maxChunk), data.length - position);
      for (int i = 1; i < n; i++) {
        if (timeoutBefore.test(position + i)) {
          n = i;
          break;
        }
      }
      System.arraycopy(data, position, b, off, n);
      position += n;
      return n;
    }
  }

  private record Outcome(byte[] payload, int closeCode, int timeoutsSeen, List<Frame> replies) {
  }

  /** Reads until the server's close frame, retrying after every timeout. */
  private static Outcome readThroughTimeouts(byte[] wire, IntPredicate timeoutBefore, int maxChunk)
      throws IOException {
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    FrameWriter writer = new FrameWriter(sent, new Random(3), 1 << 20, "broker:80");
    TimeoutInput in = new TimeoutInput(wire, timeoutBefore, maxChunk);
    FrameReader reader = new FrameReader(in, writer, 1 << 20, "broker:80");
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    int timeoutsSeen = 0;
    int closeCode;
    while (true) {
      try {
        int n = reader.read(buf, 0, buf.length);
        if (n == -1) throw new AssertionError("end of stream before the close frame");
        payload.write(buf, 0, n);
      } catch (SocketTimeoutException e) {
        timeoutsSeen++;
      } catch (WebSocketClosedException e) {
        closeCode = e.code();
        break;
      }
    }
    assertEquals(in.timeouts, timeoutsSeen, "every timeout reached the caller");
    List<Frame> replies = new ArrayList<>();
    InputStream replyStream = new ByteArrayInputStream(sent.toByteArray());
    Frame f;
    while ((f = WebSocketWire.readFrame(replyStream)) != null) replies.add(f);
    return new Outcome(payload.toByteArray(), closeCode, timeoutsSeen, replies);
  }

  private static void assertReplies(List<Frame> replies) {
    assertEquals(2, replies.size(), replies.toString());
    assertEquals(WebSocketWire.PONG, replies.get(0).opcode());
    assertEquals("70 69 6e 67", Wire.hex(replies.get(0).payload()));
    assertEquals(WebSocketWire.CLOSE, replies.get(1).opcode());
    assertEquals(1001, replies.get(1).closeCode());
  }

  @Test void aTimeoutBeforeEveryByteOfEveryKindOfFrame() throws IOException {
    byte[] b300 = new byte[300];
    byte[] b64k = new byte[65536];
    new Random(1).nextBytes(b300);
    new Random(2).nextBytes(b64k);
    byte[] wire = Wire.concat(
        serverFrame(0x02, Wire.hex("01 02 03")),           // fragmented: first part
        serverFrame(0x89, Wire.hex("70 69 6e 67")),        // ping between the parts
        serverFrame(0x80, b300),                           // last part, 16-bit length
        serverFrame(0x82, b64k),                           // 64-bit length
        serverFrame(0x88, closePayload(1001, "bye")));
    Outcome o = readThroughTimeouts(wire, position -> true, 1);
    assertArrayEquals(Wire.concat(Wire.hex("01 02 03"), b300, b64k), o.payload());
    assertEquals(wire.length, o.timeoutsSeen());
    assertEquals(1001, o.closeCode());
    assertReplies(o.replies());
  }

  @Test void oneTimeoutAtEachPositionWithLargeReads() throws IOException {
    byte[] b200 = new byte[200];
    new Random(4).nextBytes(b200);
    byte[] wire = Wire.concat(
        serverFrame(0x82, Wire.hex("aa bb")),
        serverFrame(0x02, b200),
        serverFrame(0x89, Wire.hex("70 69 6e 67")),
        // A 64-bit length for 3 bytes: not the shortest form, but legal to read.
        Wire.hex("80 7f 00 00 00 00 00 00 00 03 cc dd ee"),
        serverFrame(0x88, closePayload(1001, "")));
    byte[] expected = Wire.concat(Wire.hex("aa bb"), b200, Wire.hex("cc dd ee"));
    for (int k = 0; k < wire.length; k++) {
      int at = k;
      Outcome o = readThroughTimeouts(wire, position -> position == at, 4096);
      assertArrayEquals(expected, o.payload(), "timeout before byte " + k);
      assertEquals(1, o.timeoutsSeen(), "timeout before byte " + k);
      assertEquals(1001, o.closeCode());
      assertReplies(o.replies());
    }
  }
}
