package dev.wren.mqtt.internal.transport.ws;

import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.MASK_KEY_LENGTH;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.MAX_CONTROL_PAYLOAD;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.MAX_HEADER_LENGTH;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.OPCODE_BINARY;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.OPCODE_CLOSE;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.OPCODE_PONG;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Random;

/**
 * Writes the client's frames to the raw stream: every frame final and masked with a fresh random
 * key. Data goes out as one binary frame per {@link #writeBinary} call, which is one MQTT packet
 * because {@code PacketWriter} hands over each packet in a single write; a packet longer than the
 * outbound frame limit goes out as several consecutive binary frames (MQTT over WebSocket lets
 * packets span frames; servers such as Moquette refuse frames over 64 KiB and do not reassemble
 * continuation frames). Thread-safe: one lock covers a whole write, so the I/O thread's pongs and
 * close frames never split an application thread's packet. After a close frame nothing else is
 * sent (RFC 6455 section 5.5.1).
 */
final class FrameWriter {
  /** Payload bytes masked per raw write; bounds the copy a large packet needs. */
  private static final int CHUNK = 8192;
  private static final Charset UTF_8 = Charset.forName("UTF-8");

  private final OutputStream out;
  private final Random random;
  private final int maxFramePayload;
  private final String peer;
  private final Object lock = new Object();
  // Guarded by lock.
  private final byte[] buffer = new byte[MAX_HEADER_LENGTH + CHUNK];
  private final byte[] maskKey = new byte[MASK_KEY_LENGTH];
  private boolean closeSent;

  FrameWriter(OutputStream out, Random random, int maxFramePayload, String peer) {
    if (maxFramePayload < 1) {
      throw new IllegalArgumentException("maxFramePayload < 1: " + maxFramePayload);
    }
    this.out = out;
    this.random = random;
    this.maxFramePayload = maxFramePayload;
    this.peer = peer;
  }

  /**
   * Sends {@code b[off..off+len)} as one binary frame, or as consecutive ones when it is longer
   * than the frame limit; nothing for an empty range.
   */
  void writeBinary(byte[] b, int off, int len) throws IOException {
    if (off < 0 || len < 0 || len > b.length - off) {
      throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", length " + b.length);
    }
    if (len == 0) return;
    synchronized (lock) {
      if (closeSent) {
        throw new IOException("cannot send to " + peer
            + ": the WebSocket is closing (a close frame was sent)");
      }
      for (int done = 0; done < len; ) {
        int n = Math.min(len - done, maxFramePayload);
        writeFrame(OPCODE_BINARY, b, off + done, n);
        done += n;
      }
    }
  }

  /** Answers a ping with its payload and flushes; skipped once a close frame was sent. */
  void writePong(byte[] payload, int len) throws IOException {
    synchronized (lock) {
      if (closeSent) return;
      writeFrame(OPCODE_PONG, payload, 0, len);
      out.flush();
    }
  }

  /**
   * Sends a close frame with {@code code} and {@code reason} (no payload when {@code code} is
   * {@link WebSocketProtocol#CLOSE_NO_STATUS}) and flushes, unless one was sent already.
   *
   * @return whether this call sent it
   */
  boolean writeClose(int code, String reason) throws IOException {
    byte[] payload = closePayload(code, reason);
    synchronized (lock) {
      if (closeSent) return false;
      closeSent = true;
      writeFrame(OPCODE_CLOSE, payload, 0, payload.length);
      out.flush();
      return true;
    }
  }

  boolean closeSent() {
    synchronized (lock) {
      return closeSent;
    }
  }

  void flush() throws IOException {
    synchronized (lock) {
      out.flush();
    }
  }

  /** A close frame's payload: the code big-endian, then the reason in UTF-8, at most 125 bytes. */
  static byte[] closePayload(int code, String reason) {
    if (code == WebSocketProtocol.CLOSE_NO_STATUS) return new byte[0];
    if (!WebSocketProtocol.isValidCloseCode(code)) {
      throw new IllegalArgumentException("not a close code a client may send: " + code);
    }
    byte[] text = reason.getBytes(UTF_8);
    if (text.length > MAX_CONTROL_PAYLOAD - 2) {
      throw new IllegalArgumentException("close reason longer than " + (MAX_CONTROL_PAYLOAD - 2)
          + " bytes in UTF-8: " + text.length + " bytes");
    }
    byte[] payload = new byte[2 + text.length];
    payload[0] = (byte) (code >> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, text.length);
    return payload;
  }

  private void writeFrame(int opcode, byte[] payload, int off, int len) throws IOException {
    int key = random.nextInt();
    maskKey[0] = (byte) (key >> 24);
    maskKey[1] = (byte) (key >> 16);
    maskKey[2] = (byte) (key >> 8);
    maskKey[3] = (byte) key;
    int at = FrameHeader.encode(true, opcode, len, maskKey, buffer, 0);
    // The header and the first chunk leave in one write: one TCP segment for a small packet.
    int done = 0;
    do {
      int n = Math.min(len - done, buffer.length - at);
      System.arraycopy(payload, off + done, buffer, at, n);
      FrameHeader.toggleMask(buffer, at, n, maskKey, done);
      out.write(buffer, 0, at + n);
      done += n;
      at = 0;
    } while (done < len);
  }
}
