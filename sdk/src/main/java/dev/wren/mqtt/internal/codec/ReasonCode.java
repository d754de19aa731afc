package dev.wren.mqtt.internal.codec;

import static dev.wren.mqtt.internal.codec.PacketType.AUTH;
import static dev.wren.mqtt.internal.codec.PacketType.CONNACK;
import static dev.wren.mqtt.internal.codec.PacketType.DISCONNECT;
import static dev.wren.mqtt.internal.codec.PacketType.PUBACK;
import static dev.wren.mqtt.internal.codec.PacketType.PUBCOMP;
import static dev.wren.mqtt.internal.codec.PacketType.PUBREC;
import static dev.wren.mqtt.internal.codec.PacketType.PUBREL;
import static dev.wren.mqtt.internal.codec.PacketType.SUBACK;
import static dev.wren.mqtt.internal.codec.PacketType.UNSUBACK;

/**
 * The MQTT 5.0 reason codes (spec 2.4): names, and which packet may carry which. Holds no state.
 * 0x00 has three names (Success, Normal disconnection, Granted QoS 0), and 0x01/0x02 are granted
 * QoS levels: {@link #name(int, int)} picks the one of a packet.
 */
public final class ReasonCode {
  public static final int SUCCESS = 0x00;
  public static final int NORMAL_DISCONNECTION = 0x00;
  public static final int GRANTED_QOS_0 = 0x00;
  public static final int GRANTED_QOS_1 = 0x01;
  public static final int GRANTED_QOS_2 = 0x02;
  public static final int DISCONNECT_WITH_WILL = 0x04;
  public static final int NO_MATCHING_SUBSCRIBERS = 0x10;
  public static final int NO_SUBSCRIPTION_EXISTED = 0x11;
  public static final int CONTINUE_AUTHENTICATION = 0x18;
  public static final int RE_AUTHENTICATE = 0x19;
  public static final int UNSPECIFIED_ERROR = 0x80;
  public static final int MALFORMED_PACKET = 0x81;
  public static final int PROTOCOL_ERROR = 0x82;
  public static final int IMPLEMENTATION_SPECIFIC_ERROR = 0x83;
  public static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;
  public static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;
  public static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
  public static final int NOT_AUTHORIZED = 0x87;
  public static final int SERVER_UNAVAILABLE = 0x88;
  public static final int SERVER_BUSY = 0x89;
  public static final int BANNED = 0x8A;
  public static final int SERVER_SHUTTING_DOWN = 0x8B;
  public static final int BAD_AUTHENTICATION_METHOD = 0x8C;
  public static final int KEEP_ALIVE_TIMEOUT = 0x8D;
  public static final int SESSION_TAKEN_OVER = 0x8E;
  public static final int TOPIC_FILTER_INVALID = 0x8F;
  public static final int TOPIC_NAME_INVALID = 0x90;
  public static final int PACKET_IDENTIFIER_IN_USE = 0x91;
  public static final int PACKET_IDENTIFIER_NOT_FOUND = 0x92;
  public static final int RECEIVE_MAXIMUM_EXCEEDED = 0x93;
  public static final int TOPIC_ALIAS_INVALID = 0x94;
  public static final int PACKET_TOO_LARGE = 0x95;
  public static final int MESSAGE_RATE_TOO_HIGH = 0x96;
  public static final int QUOTA_EXCEEDED = 0x97;
  public static final int ADMINISTRATIVE_ACTION = 0x98;
  public static final int PAYLOAD_FORMAT_INVALID = 0x99;
  public static final int RETAIN_NOT_SUPPORTED = 0x9A;
  public static final int QOS_NOT_SUPPORTED = 0x9B;
  public static final int USE_ANOTHER_SERVER = 0x9C;
  public static final int SERVER_MOVED = 0x9D;
  public static final int SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = 0x9E;
  public static final int CONNECTION_RATE_EXCEEDED = 0x9F;
  public static final int MAXIMUM_CONNECT_TIME = 0xA0;
  public static final int SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED = 0xA1;
  public static final int WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED = 0xA2;

  private static final int PUB = 1 << PUBACK | 1 << PUBREC;
  private static final int ERR = 1 << CONNACK | PUB | 1 << SUBACK | 1 << UNSUBACK | 1 << DISCONNECT;

  /** Per code 0..0xA2: the spec name, and a bit per packet type that may carry it. */
  private static final String[] NAMES = new String[0xA3];
  private static final int[] PACKETS = new int[0xA3];

  static {
    def(0x00, "Success", 1 << CONNACK | PUB | 1 << PUBREL | 1 << PUBCOMP | 1 << UNSUBACK
        | 1 << AUTH | 1 << DISCONNECT | 1 << SUBACK);
    def(0x01, "Granted QoS 1", 1 << SUBACK);
    def(0x02, "Granted QoS 2", 1 << SUBACK);
    def(0x04, "Disconnect with Will Message", 1 << DISCONNECT);
    def(0x10, "No matching subscribers", PUB);
    def(0x11, "No subscription existed", 1 << UNSUBACK);
    def(0x18, "Continue authentication", 1 << AUTH);
    def(0x19, "Re-authenticate", 1 << AUTH);
    def(0x80, "Unspecified error", ERR);
    def(0x81, "Malformed Packet", 1 << CONNACK | 1 << DISCONNECT);
    def(0x82, "Protocol Error", 1 << CONNACK | 1 << DISCONNECT);
    def(0x83, "Implementation specific error", ERR);
    def(0x84, "Unsupported Protocol Version", 1 << CONNACK);
    def(0x85, "Client Identifier not valid", 1 << CONNACK);
    def(0x86, "Bad User Name or Password", 1 << CONNACK);
    def(0x87, "Not authorized", ERR);
    def(0x88, "Server unavailable", 1 << CONNACK);
    def(0x89, "Server busy", 1 << CONNACK | 1 << DISCONNECT);
    def(0x8A, "Banned", 1 << CONNACK);
    def(0x8B, "Server shutting down", 1 << DISCONNECT);
    def(0x8C, "Bad authentication method", 1 << CONNACK | 1 << DISCONNECT);
    def(0x8D, "Keep Alive timeout", 1 << DISCONNECT);
    def(0x8E, "Session taken over", 1 << DISCONNECT);
    def(0x8F, "Topic Filter invalid", 1 << SUBACK | 1 << UNSUBACK | 1 << DISCONNECT);
    def(0x90, "Topic Name invalid", 1 << CONNACK | PUB | 1 << DISCONNECT);
    def(0x91, "Packet Identifier in use", PUB | 1 << SUBACK | 1 << UNSUBACK);
    def(0x92, "Packet Identifier not found", 1 << PUBREL | 1 << PUBCOMP);
    def(0x93, "Receive Maximum exceeded", 1 << DISCONNECT);
    def(0x94, "Topic Alias invalid", 1 << DISCONNECT);
    def(0x95, "Packet too large", 1 << CONNACK | 1 << DISCONNECT);
    def(0x96, "Message rate too high", 1 << DISCONNECT);
    def(0x97, "Quota exceeded", 1 << CONNACK | PUB | 1 << SUBACK | 1 << DISCONNECT);
    def(0x98, "Administrative action", 1 << DISCONNECT);
    def(0x99, "Payload format invalid", 1 << CONNACK | PUB | 1 << DISCONNECT);
    def(0x9A, "Retain not supported", 1 << CONNACK | 1 << DISCONNECT);
    def(0x9B, "QoS not supported", 1 << CONNACK | 1 << DISCONNECT);
    def(0x9C, "Use another server", 1 << CONNACK | 1 << DISCONNECT);
    def(0x9D, "Server moved", 1 << CONNACK | 1 << DISCONNECT);
    def(0x9E, "Shared Subscriptions not supported", 1 << SUBACK | 1 << DISCONNECT);
    def(0x9F, "Connection rate exceeded", 1 << CONNACK | 1 << DISCONNECT);
    def(0xA0, "Maximum connect time", 1 << DISCONNECT);
    def(0xA1, "Subscription Identifiers not supported", 1 << SUBACK | 1 << DISCONNECT);
    def(0xA2, "Wildcard Subscriptions not supported", 1 << SUBACK | 1 << DISCONNECT);
  }

  private static void def(int code, String name, int packets) {
    NAMES[code] = name;
    PACKETS[code] = packets;
  }

  private ReasonCode() {}

  /** The spec name, 0x00 as "Success"; an unknown code as "Unknown (0xNN)". */
  public static String name(int code) {
    String name = code >= 0 && code < NAMES.length ? NAMES[code] : null;
    return name != null ? name : "Unknown (" + Bytes.hex(code) + ")";
  }

  /** The name {@code code} has in {@code packetType}: 0x00 in DISCONNECT, "Normal disconnection". */
  public static String name(int packetType, int code) {
    if (code == 0 && packetType == DISCONNECT) return "Normal disconnection";
    if (code == 0 && packetType == SUBACK) return "Granted QoS 0";
    return name(code);
  }

  /** 0x80 and above: the operation failed. */
  public static boolean isFailure(int code) {
    return code >= 0x80;
  }

  /**
   * Whether a packet of {@code packetType} (CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK,
   * UNSUBACK, DISCONNECT or AUTH) may carry {@code code}; false for any other type.
   */
  public static boolean validFor(int packetType, int code) {
    return code >= 0 && code < PACKETS.length && packetType >= 0 && packetType < 16
        && (PACKETS[code] & 1 << packetType) != 0;
  }

  /** "Not authorized (0x87)", the way errors show a code. */
  static String describe(int packetType, int code) {
    return name(packetType, code) + " (" + Bytes.hex(code) + ")";
  }
}
