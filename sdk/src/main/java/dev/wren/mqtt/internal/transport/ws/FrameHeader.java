package dev.wren.mqtt.internal.transport.ws;

import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.B0_FLAG_FIN;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.B0_MASK_OPCODE;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.B0_MASK_RESERVED;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.B1_FLAG_MASK;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.B1_MASK_LENGTH;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.CLOSE_PROTOCOL_ERROR;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.MASK_KEY_LENGTH;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.MAX_CONTROL_PAYLOAD;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.PAYLOAD_LONG;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.PAYLOAD_SHORT;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.PAYLOAD_SHORT_LIMIT;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.PAYLOAD_SHORT_MAX;

/**
 * One frame header (see the layout in {@link WebSocketProtocol}) and the pure functions between
 * headers and bytes: parsing a server's header as its bytes arrive, encoding a header, masking.
 * Immutable; the static functions keep no state.
 */
final class FrameHeader {
  private final boolean fin;
  private final int opcode;
  private final long payloadLength;
  private final int headerLength;

  FrameHeader(boolean fin, int opcode, long payloadLength, int headerLength) {
    this.fin = fin;
    this.opcode = opcode;
    this.payloadLength = payloadLength;
    this.headerLength = headerLength;
  }

  /**
   * Parses the header of a frame from the server, of which {@code available} bytes have arrived
   * at {@code buf[0]}. Returns null when more bytes are needed; {@link #bytesNeeded} says how
   * many, so a reader never consumes a byte of the payload. The rules that need no context are
   * checked as soon as their bits are in: a reserved bit, an unknown opcode, a fragmented or
   * over-long control frame, a masked frame, a 64-bit length with its top bit set.
   *
   * @throws WebSocketProtocolException naming the broken rule, with close code 1002
   */
  static FrameHeader parse(byte[] buf, int available) throws WebSocketProtocolException {
    if (available < 1) return null;
    int b0 = buf[0] & 0xFF;
    if ((b0 & B0_MASK_RESERVED) != 0) {
      throw protocolError("reserved bits set in a frame header (no extension was negotiated):"
          + " first byte 0x" + Integer.toHexString(b0));
    }
    int opcode = b0 & B0_MASK_OPCODE;
    if (!WebSocketProtocol.isKnownOpcode(opcode)) {
      throw protocolError("unknown opcode 0x" + Integer.toHexString(opcode));
    }
    boolean fin = (b0 & B0_FLAG_FIN) != 0;
    boolean control = WebSocketProtocol.isControl(opcode);
    if (control && !fin) {
      throw protocolError("fragmented " + WebSocketProtocol.opcodeName(opcode)
          + " frame (control frames must not be fragmented)");
    }
    if (available < 2) return null;
    int b1 = buf[1] & 0xFF;
    if ((b1 & B1_FLAG_MASK) != 0) {
      throw protocolError("masked " + WebSocketProtocol.opcodeName(opcode)
          + " frame from the server (servers must not mask)");
    }
    int length7 = b1 & B1_MASK_LENGTH;
    if (control && length7 > MAX_CONTROL_PAYLOAD) {
      throw protocolError(WebSocketProtocol.opcodeName(opcode) + " frame longer than "
          + MAX_CONTROL_PAYLOAD + " bytes (length code " + length7 + ")");
    }
    int headerLength = bytesNeeded(b1);
    if (available < headerLength) return null;
    long length;
    if (length7 <= PAYLOAD_SHORT_MAX) {
      length = length7;
    } else if (length7 == PAYLOAD_SHORT) {
      length = (buf[2] & 0xFF) << 8 | (buf[3] & 0xFF);
    } else {
      length = 0;
      for (int i = 2; i < 10; i++) length = length << 8 | (buf[i] & 0xFF);
      if (length < 0) {
        throw protocolError("64-bit frame length has its most significant bit set: 0x"
            + Long.toHexString(length));
      }
    }
    return new FrameHeader(fin, opcode, length, headerLength);
  }

  /** The length of the whole header, from its second byte (flags, lengths and mask key). */
  static int bytesNeeded(int b1) {
    int length7 = b1 & B1_MASK_LENGTH;
    int extended = length7 == PAYLOAD_LONG ? 8 : length7 == PAYLOAD_SHORT ? 2 : 0;
    return 2 + extended + ((b1 & B1_FLAG_MASK) != 0 ? MASK_KEY_LENGTH : 0);
  }

  /**
   * Writes a header at {@code dst[offset]}: 2, 4 or 10 bytes plus 4 of mask key when
   * {@code maskKey} is not null. Lengths use the shortest form, as section 5.2 requires.
   *
   * @return the number of bytes written
   */
  static int encode(boolean fin, int opcode, long payloadLength, byte[] maskKey, byte[] dst,
      int offset) {
    if (payloadLength < 0) {
      throw new IllegalArgumentException("payloadLength < 0: " + payloadLength);
    }
    int at = offset;
    dst[at++] = (byte) ((fin ? B0_FLAG_FIN : 0) | opcode);
    int maskBit = maskKey != null ? B1_FLAG_MASK : 0;
    if (payloadLength <= PAYLOAD_SHORT_MAX) {
      dst[at++] = (byte) (maskBit | (int) payloadLength);
    } else if (payloadLength <= PAYLOAD_SHORT_LIMIT) {
      dst[at++] = (byte) (maskBit | PAYLOAD_SHORT);
      dst[at++] = (byte) (payloadLength >> 8);
      dst[at++] = (byte) payloadLength;
    } else {
      dst[at++] = (byte) (maskBit | PAYLOAD_LONG);
      for (int shift = 56; shift >= 0; shift -= 8) dst[at++] = (byte) (payloadLength >> shift);
    }
    if (maskKey != null) {
      System.arraycopy(maskKey, 0, dst, at, MASK_KEY_LENGTH);
      at += MASK_KEY_LENGTH;
    }
    return at - offset;
  }

  /**
   * XORs {@code buf[offset..offset+length)} with the mask key in place (section 5.3). Masking
   * twice unmasks. {@code payloadIndex} is how many payload bytes came before {@code buf[offset]},
   * so a payload can be masked in chunks.
   */
  static void toggleMask(byte[] buf, int offset, int length, byte[] maskKey, long payloadIndex) {
    int k = (int) (payloadIndex & 3);
    for (int i = 0; i < length; i++) {
      buf[offset + i] ^= maskKey[k];
      k = (k + 1) & 3;
    }
  }

  private static WebSocketProtocolException protocolError(String message) {
    return new WebSocketProtocolException(message, CLOSE_PROTOCOL_ERROR);
  }

  boolean fin() {
    return fin;
  }

  int opcode() {
    return opcode;
  }

  long payloadLength() {
    return payloadLength;
  }

  int headerLength() {
    return headerLength;
  }

  boolean isControl() {
    return WebSocketProtocol.isControl(opcode);
  }

  @Override public String toString() {
    return WebSocketProtocol.opcodeName(opcode) + (fin ? "" : " (not final)") + ", "
        + payloadLength + " bytes";
  }
}
