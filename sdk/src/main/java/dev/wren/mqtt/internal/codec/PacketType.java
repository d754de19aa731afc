package dev.wren.mqtt.internal.codec;

/**
 * The MQTT protocol constants, 3.1.1 and 5.0, all in one place. Holds no state.
 *
 * <pre>
 * Fixed header (every packet):
 *
 *   bit     7   6   5   4   3   2   1   0
 *   byte 1 [  packet type  ][    flags    ]
 *   byte 2.. remaining length: 1 to 4 bytes, 7 value bits each, least significant group
 *            first; bit 7 set means "another length byte follows"
 *
 * Flags (the lower nibble of byte 1):
 *
 *   PUBLISH                     [DUP][ QoS  ][RETAIN]
 *   PUBREL, SUBSCRIBE, UNSUBSCRIBE  0   0   1   0      (reserved, fixed)
 *   all other types                 0   0   0   0      (reserved, fixed)
 *
 * CONNECT flags byte (variable header):
 *
 *   bit  7          6          5            4   3      2       1              0
 *       [username] [password] [will retain][will QoS] [will]  [clean session][reserved = 0]
 * </pre>
 */
public final class PacketType {
  public static final int CONNECT = 1;
  public static final int CONNACK = 2;
  public static final int PUBLISH = 3;
  public static final int PUBACK = 4;
  public static final int PUBREC = 5;
  public static final int PUBREL = 6;
  public static final int PUBCOMP = 7;
  public static final int SUBSCRIBE = 8;
  public static final int SUBACK = 9;
  public static final int UNSUBSCRIBE = 10;
  public static final int UNSUBACK = 11;
  public static final int PINGREQ = 12;
  public static final int PINGRESP = 13;
  public static final int DISCONNECT = 14;
  /** MQTT 5.0 only: extended authentication exchange. Reserved in 3.1.1. */
  public static final int AUTH = 15;

  /** Lower-nibble flags required on PUBREL, SUBSCRIBE and UNSUBSCRIBE. */
  static final int FLAGS_0010 = 0b0010;

  static final int PUBLISH_FLAG_DUP = 0b1000;
  static final int PUBLISH_FLAG_RETAIN = 0b0001;
  static final int PUBLISH_QOS_SHIFT = 1;

  static final int CONNECT_FLAG_RESERVED = 0x01;
  static final int CONNECT_FLAG_CLEAN_SESSION = 0x02;
  static final int CONNECT_FLAG_WILL = 0x04;
  static final int CONNECT_WILL_QOS_SHIFT = 3;
  static final int CONNECT_FLAG_WILL_RETAIN = 0x20;
  static final int CONNECT_FLAG_PASSWORD = 0x40;
  static final int CONNECT_FLAG_USERNAME = 0x80;

  static final String PROTOCOL_NAME = "MQTT";
  static final int PROTOCOL_LEVEL = 4;
  static final int PROTOCOL_LEVEL_5 = 5;

  /** Largest value four remaining-length bytes can carry. */
  public static final int MAX_REMAINING_LENGTH = 268_435_455;
  /** Largest MQTT string or binary field: the 2-byte length prefix's range. */
  public static final int MAX_FIELD_LENGTH = 65_535;
  public static final int MAX_PACKET_ID = 65_535;

  private static final String[] NAMES = {
    "RESERVED(0)", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
    "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT",
    "AUTH",
  };

  private PacketType() {}

  /** The name the spec uses, such as "PUBACK"; unknown values render as "UNKNOWN(n)". */
  public static String name(int type) {
    return type >= 0 && type < NAMES.length ? NAMES[type] : "UNKNOWN(" + type + ")";
  }

  /** The fixed lower-nibble flags for {@code type}; PUBLISH has none (its flags carry data). */
  static int requiredFlags(int type) {
    return type == PUBREL || type == SUBSCRIBE || type == UNSUBSCRIBE ? FLAGS_0010 : 0;
  }

  /**
   * The remaining length the spec fixes for {@code type}, or -1 when it varies: 2 for CONNACK and
   * the packets that carry only an identifier (PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK), 0 for
   * PINGREQ, PINGRESP and DISCONNECT.
   */
  static int fixedRemainingLength(int type) {
    switch (type) {
      case CONNACK:
      case PUBACK:
      case PUBREC:
      case PUBREL:
      case PUBCOMP:
      case UNSUBACK:
        return 2;
      case PINGREQ:
      case PINGRESP:
      case DISCONNECT:
        return 0;
      default:
        return -1;
    }
  }

  /**
   * The least remaining length a 5.0 packet of {@code type} can have: CONNACK 3 (flags, reason
   * code, property length), PUBACK..PUBCOMP 2 (the identifier; code and properties may be left
   * out), SUBACK and UNSUBACK 4 (identifier, property length, one code), SUBSCRIBE 6 and
   * UNSUBSCRIBE 5 (identifier, property length, one filter), PUBLISH 3 (topic length, property
   * length), else 0 (CONNECT: a short one is better reported field by field).
   */
  static int minRemainingLength5(int type) {
    switch (type) {
      case CONNACK: return 3;
      case PUBLISH: return 3;
      case PUBACK:
      case PUBREC:
      case PUBREL:
      case PUBCOMP:
        return 2;
      case SUBSCRIBE: return 6;
      case SUBACK:
      case UNSUBACK:
        return 4;
      case UNSUBSCRIBE: return 5;
      default: return 0;
    }
  }

  /** Throws if {@code packetId} is outside 1..65535, naming {@code what} in the message. */
  static int checkPacketId(String what, int packetId) {
    if (packetId < 1 || packetId > MAX_PACKET_ID) {
      throw new IllegalArgumentException(what + " packet identifier must be 1..65535: " + packetId);
    }
    return packetId;
  }

  static int checkQos(String what, int qos) {
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException(what + " QoS must be 0, 1 or 2: " + qos);
    }
    return qos;
  }
}
