package dev.wren.mqtt.internal.transport.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wren.mqtt.testing.AllocationBudget;
import dev.wren.mqtt.testing.ChoppedInput;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * Fuzzes the WebSocket frame reader with server frames over a {@link ChoppedInput}, cut and with
 * read timeouts where the fuzzer says (corpus: FrameReaderFuzzTestInputs). Holds for every input:
 * the stream ends with -1, {@link EOFException} (WebSocketClosedException included) or
 * {@link WebSocketProtocolException}, nothing else; a protocol error or the server's close is
 * answered with a close frame carrying the code, and every later read throws the same exception;
 * the cut stream yields the same bytes and the same end as the whole one; a read returns at
 * least one byte; no allocation grows with a frame's claimed length.
 */
class FrameReaderFuzzTest {
  private static final int MAX_FRAME = 64 * 1024;
  private static final long SLACK = 128 * 1024;

  private final AllocationBudget budget = new AllocationBudget();

  @FuzzTest
  void choppedFramesReadLikeTheWholeStream(byte[] input) throws Exception {
    ChoppedInput chopped = new ChoppedInput(input);
    byte[] stream = Arrays.copyOfRange(input, input.length - chopped.streamLength(), input.length);
    byte[] uncut = new byte[stream.length + 1];
    System.arraycopy(stream, 0, uncut, 1, stream.length);

    long budgetBytes = 16L * stream.length + SLACK;
    Outcome whole = budget.call(budgetBytes, "FrameReader.read",
        () -> readAll(new ChoppedInput(uncut), stream.length));
    Outcome pieces = budget.call(budgetBytes, "FrameReader.read",
        () -> readAll(new ChoppedInput(input), stream.length));
    assertArrayEquals(whole.data.toByteArray(), pieces.data.toByteArray(), "payload bytes");
    assertEquals(String.valueOf(whole.end), String.valueOf(pieces.end), "how the stream ended");
    assertArrayEquals(whole.sent.toByteArray(), pieces.sent.toByteArray(), "frames sent back");
  }

  private static Outcome readAll(ChoppedInput in, int streamLength) throws Exception {
    Outcome o = new Outcome();
    FrameWriter writer = new FrameWriter(o.sent, new FixedRandom(0x5A5A5A5A), MAX_FRAME, "fuzz");
    FrameReader reader = new FrameReader(in, writer, MAX_FRAME, "fuzz");
    byte[] buffer = new byte[256];
    try {
      for (int calls = 0; ; calls++) {
        assertTrue(calls <= streamLength + in.timeouts() + 1,
            "FrameReader.read made no progress: " + calls + " calls");
        int n;
        try {
          n = reader.read(buffer, 0, buffer.length);
        } catch (SocketTimeoutException timeout) {
          continue;
        }
        if (n == -1) break;
        assertTrue(n > 0, "read returned " + n);
        o.data.write(buffer, 0, n);
      }
      o.end = "end of stream";
    } catch (WebSocketProtocolException e) {
      assertClosedWith(o.sent.toByteArray(), e.closeCode(), e);
      assertSame(e, rereadFailure(reader, buffer), "a second read after " + e);
      o.end = e.getMessage();
    } catch (WebSocketClosedException e) {
      assertClosedWith(o.sent.toByteArray(), e.code(), e);
      assertSame(e, rereadFailure(reader, buffer), "a second read after " + e);
      o.end = e.getMessage();
    } catch (EOFException e) {
      o.end = e.getMessage();
    }
    return o;
  }

  private static IOException rereadFailure(FrameReader reader, byte[] buffer) {
    try {
      int n = reader.read(buffer, 0, buffer.length);
      throw new AssertionError("a read after the failure returned " + n);
    } catch (IOException e) {
      return e;
    }
  }

  /** The last frame the client sent is a close frame with {@code code} (none for 1005). */
  private static void assertClosedWith(byte[] sent, int code, Exception why) {
    int at = 0;
    int opcode = -1;
    byte[] payload = null;
    while (at < sent.length) {
      opcode = sent[at] & 0x0F;
      int b1 = sent[at + 1] & 0xFF;
      assertTrue((b1 & 0x80) != 0, "client frames are masked");
      long length = b1 & 0x7F;
      at += 2;
      if (length == 126) {
        length = (sent[at] & 0xFF) << 8 | (sent[at + 1] & 0xFF);
        at += 2;
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) length = length << 8 | (sent[at + i] & 0xFF);
        at += 8;
      }
      byte[] mask = Arrays.copyOfRange(sent, at, at + 4);
      at += 4;
      payload = Arrays.copyOfRange(sent, at, at + (int) length);
      for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
      at += (int) length;
    }
    if (opcode != WebSocketProtocol.OPCODE_CLOSE) fail("no close frame sent after " + why);
    int sentCode = payload.length >= 2 ? (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF)
        : WebSocketProtocol.CLOSE_NO_STATUS;
    assertEquals(code, sentCode, "close code sent after " + why);
  }

  private static final class Outcome {
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    String end;
  }
}
