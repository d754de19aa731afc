package dev.wren.mqtt.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket frames coded by hand for tests, independently of the client's code (the WebSocket
 * twin of {@link Wire}): server frames to send, any frame read back and unmasked, close payloads
 * and the handshake's accept value.
 */
public final class WebSocketWire {
  public static final int CONTINUATION = 0x0;
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  private WebSocketWire() {
  }

  /** One frame as sent, payload unmasked. */
  public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
    /** A close frame's status code, or -1 when it has none. */
    public int closeCode() {
      return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF) : -1;
    }

    public String closeReason() {
      return payload.length > 2
          ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
    }

    @Override public String toString() {
      return "Frame{opcode=" + opcode + ", fin=" + fin + ", masked=" + masked + ", "
          + payload.length + " bytes: " + Wire.hex(payload.length > 32
              ? java.util.Arrays.copyOf(payload, 32) : payload) + "}";
    }
  }

  /** The accept value for a key, computed here independently of the client's code. */
  public static String acceptFor(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
          (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** An unmasked frame as a server sends it, with the shortest length form. */
  public static byte[] serverFrame(int firstByte, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(serverHeader(firstByte, payload.length));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** The header of an unmasked server frame of {@code n} payload bytes, shortest length form. */
  public static byte[] serverHeader(int firstByte, long n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(firstByte);
    if (n <= 125) {
      out.write((int) n);
    } else if (n <= 0xFFFF) {
      out.write(126);
      out.write((int) (n >> 8));
      out.write((int) n);
    } else {
      out.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) out.write((int) (n >> shift));
    }
    return out.toByteArray();
  }

  /**
   * Writes a server frame of {@code length} payload bytes, {@code pattern} repeated and cut at the
   * end, made as it goes so that no frame-sized array exists. {@code written} counts the bytes
   * handed to {@code out}, header included, also when a write fails.
   */
  public static void writeRepeatedFrame(OutputStream out, int firstByte, long length,
      byte[] pattern, AtomicLong written) throws IOException {
    byte[] chunk = new byte[64 * 1024 / pattern.length * pattern.length];
    for (int i = 0; i < chunk.length; i++) chunk[i] = pattern[i % pattern.length];
    byte[] header = serverHeader(firstByte, length);
    out.write(header);
    written.set(header.length);
    for (long left = length; left > 0; left -= chunk.length) {
      int n = (int) Math.min(chunk.length, left);
      out.write(chunk, 0, n);
      written.addAndGet(n);
    }
    out.flush();
  }

  public static byte[] closePayload(int code, String reason) {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] p = new byte[2 + r.length];
    p[0] = (byte) (code >> 8);
    p[1] = (byte) code;
    System.arraycopy(r, 0, p, 2, r.length);
    return p;
  }

  /** Reads one frame, unmasking it; null when the stream ends before its first byte. */
  public static Frame readFrame(InputStream in) throws IOException {
    int b0 = in.read();
    if (b0 < 0) return null;
    int b1 = readByte(in);
    long length = b1 & 0x7F;
    if (length == 126) {
      length = readByte(in) << 8 | readByte(in);
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) length = length << 8 | readByte(in);
    }
    boolean masked = (b1 & 0x80) != 0;
    byte[] key = masked ? in.readNBytes(4) : null;
    if (length > 64 * 1024 * 1024) throw new IOException("frame too long for the peer: " + length);
    byte[] payload = in.readNBytes((int) length);
    if (payload.length < length || (masked && key.length < 4)) throw new EOFException("end of stream in a frame");
    if (masked) for (int i = 0; i < payload.length; i++) payload[i] ^= key[i & 3];
    return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0F, masked, payload);
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) throw new EOFException("end of stream in a frame header");
    return b;
  }
}
