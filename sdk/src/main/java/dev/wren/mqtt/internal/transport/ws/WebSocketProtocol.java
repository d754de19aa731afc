package dev.wren.mqtt.internal.transport.ws;

/**
 * RFC 6455 constants: frame bits, opcodes, close codes and the handshake's fixed strings. Holds no
 * state.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *  |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *  |     Extended payload length continued, if payload len == 127  |
 *  + - - - - - - - - - - - - - - - +-------------------------------+
 *  |                               |Masking-key, if MASK set to 1  |
 *  +-------------------------------+-------------------------------+
 *  | Masking-key (continued)       |          Payload Data         |
 *  +-------------------------------- - - - - - - - - - - - - - - - +
 *  :                     Payload Data continued ...                :
 *  + - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - +
 * </pre>
 *
 * A client masks every frame it sends and a server masks none. Lengths are big-endian and the
 * 64-bit form has its most significant bit clear.
 */
final class WebSocketProtocol {
  /** Appended to the client's key before hashing it into Sec-WebSocket-Accept (section 1.3). */
  static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  static final String VERSION = "13";
  /** Bytes of randomness in Sec-WebSocket-Key before base64. */
  static final int KEY_BYTES = 16;

  // Byte 0.
  static final int B0_FLAG_FIN = 0x80;
  /** RSV1..3: must be 0 because we negotiate no extension. */
  static final int B0_MASK_RESERVED = 0x70;
  static final int B0_MASK_OPCODE = 0x0F;

  // Byte 1.
  static final int B1_FLAG_MASK = 0x80;
  static final int B1_MASK_LENGTH = 0x7F;

  /** 7-bit lengths up to this value are literal. */
  static final int PAYLOAD_SHORT_MAX = 125;
  /** This 7-bit value announces a 16-bit length. */
  static final int PAYLOAD_SHORT = 126;
  static final int PAYLOAD_SHORT_LIMIT = 0xFFFF;
  /** This 7-bit value announces a 64-bit length. */
  static final int PAYLOAD_LONG = 127;
  /** 2 bytes of flags and length, 8 of extended length, 4 of mask. */
  static final int MAX_HEADER_LENGTH = 14;
  static final int MASK_KEY_LENGTH = 4;

  static final int OPCODE_CONTINUATION = 0x0;
  static final int OPCODE_TEXT = 0x1;
  static final int OPCODE_BINARY = 0x2;
  /** Opcodes with this bit set are control frames: short and never fragmented. */
  static final int OPCODE_FLAG_CONTROL = 0x8;
  static final int OPCODE_CLOSE = 0x8;
  static final int OPCODE_PING = 0x9;
  static final int OPCODE_PONG = 0xA;

  /** Control frame payloads are at most 125 bytes (section 5.5). */
  static final int MAX_CONTROL_PAYLOAD = PAYLOAD_SHORT_MAX;

  static final int CLOSE_NORMAL = 1000;
  static final int CLOSE_GOING_AWAY = 1001;
  static final int CLOSE_PROTOCOL_ERROR = 1002;
  static final int CLOSE_UNSUPPORTED_DATA = 1003;
  /** Only reported locally: the close frame had no status code. Never sent. */
  static final int CLOSE_NO_STATUS = 1005;
  static final int CLOSE_TOO_BIG = 1009;

  private WebSocketProtocol() {
  }

  static boolean isControl(int opcode) {
    return (opcode & OPCODE_FLAG_CONTROL) != 0;
  }

  static boolean isKnownOpcode(int opcode) {
    switch (opcode) {
      case OPCODE_CONTINUATION:
      case OPCODE_TEXT:
      case OPCODE_BINARY:
      case OPCODE_CLOSE:
      case OPCODE_PING:
      case OPCODE_PONG:
        return true;
      default:
        return false;
    }
  }

  static String opcodeName(int opcode) {
    switch (opcode) {
      case OPCODE_CONTINUATION: return "continuation";
      case OPCODE_TEXT: return "text";
      case OPCODE_BINARY: return "binary";
      case OPCODE_CLOSE: return "close";
      case OPCODE_PING: return "ping";
      case OPCODE_PONG: return "pong";
      default: return "reserved opcode 0x" + Integer.toHexString(opcode);
    }
  }

  /**
   * Whether a peer may put {@code code} in a close frame (section 7.4 and the IANA registry):
   * 1004..1006 and 1015 are reserved for local use, 1016..2999 are unassigned.
   */
  static boolean isValidCloseCode(int code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }

  /** The registry's name of a close code, lower case, for messages. */
  static String closeCodeName(int code) {
    switch (code) {
      case CLOSE_NORMAL: return "normal closure";
      case CLOSE_GOING_AWAY: return "going away";
      case CLOSE_PROTOCOL_ERROR: return "protocol error";
      case CLOSE_UNSUPPORTED_DATA: return "unsupported data";
      case CLOSE_NO_STATUS: return "no status code";
      case 1007: return "invalid payload data";
      case 1008: return "policy violation";
      case CLOSE_TOO_BIG: return "message too big";
      case 1010: return "mandatory extension";
      case 1011: return "internal error";
      case 1012: return "service restart";
      case 1013: return "try again later";
      case 1014: return "bad gateway";
      default: return code >= 4000 ? "application code" : "registered code";
    }
  }
}
