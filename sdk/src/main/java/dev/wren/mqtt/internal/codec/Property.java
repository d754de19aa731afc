package dev.wren.mqtt.internal.codec;

/**
 * The MQTT 5.0 properties (spec 2.2.2.2): identifier, spec name, wire type, and the packets that
 * may carry each. Value rules that hold wherever a property appears (a 0/1 flag, a non-zero
 * maximum) live here too, so the builder and the decoder refuse the same values.
 */
public enum Property {
  PAYLOAD_FORMAT_INDICATOR(0x01, "Payload Format Indicator", Type.BYTE, true, PacketType.PUBLISH),
  MESSAGE_EXPIRY_INTERVAL(0x02, "Message Expiry Interval", Type.FOUR_BYTE_INT, true,
      PacketType.PUBLISH),
  CONTENT_TYPE(0x03, "Content Type", Type.UTF8_STRING, true, PacketType.PUBLISH),
  RESPONSE_TOPIC(0x08, "Response Topic", Type.UTF8_STRING, true, PacketType.PUBLISH),
  CORRELATION_DATA(0x09, "Correlation Data", Type.BINARY, true, PacketType.PUBLISH),
  SUBSCRIPTION_IDENTIFIER(0x0B, "Subscription Identifier", Type.VARIABLE_BYTE_INT, false,
      PacketType.PUBLISH, PacketType.SUBSCRIBE),
  SESSION_EXPIRY_INTERVAL(0x11, "Session Expiry Interval", Type.FOUR_BYTE_INT, false,
      PacketType.CONNECT, PacketType.CONNACK, PacketType.DISCONNECT),
  ASSIGNED_CLIENT_IDENTIFIER(0x12, "Assigned Client Identifier", Type.UTF8_STRING, false,
      PacketType.CONNACK),
  SERVER_KEEP_ALIVE(0x13, "Server Keep Alive", Type.TWO_BYTE_INT, false, PacketType.CONNACK),
  AUTHENTICATION_METHOD(0x15, "Authentication Method", Type.UTF8_STRING, false,
      PacketType.CONNECT, PacketType.CONNACK, PacketType.AUTH),
  AUTHENTICATION_DATA(0x16, "Authentication Data", Type.BINARY, false,
      PacketType.CONNECT, PacketType.CONNACK, PacketType.AUTH),
  REQUEST_PROBLEM_INFORMATION(0x17, "Request Problem Information", Type.BYTE, false,
      PacketType.CONNECT),
  WILL_DELAY_INTERVAL(0x18, "Will Delay Interval", Type.FOUR_BYTE_INT, true),
  REQUEST_RESPONSE_INFORMATION(0x19, "Request Response Information", Type.BYTE, false,
      PacketType.CONNECT),
  RESPONSE_INFORMATION(0x1A, "Response Information", Type.UTF8_STRING, false,
      PacketType.CONNACK),
  SERVER_REFERENCE(0x1C, "Server Reference", Type.UTF8_STRING, false,
      PacketType.CONNACK, PacketType.DISCONNECT),
  REASON_STRING(0x1F, "Reason String", Type.UTF8_STRING, false,
      PacketType.CONNACK, PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL,
      PacketType.PUBCOMP, PacketType.SUBACK, PacketType.UNSUBACK, PacketType.DISCONNECT,
      PacketType.AUTH),
  RECEIVE_MAXIMUM(0x21, "Receive Maximum", Type.TWO_BYTE_INT, false,
      PacketType.CONNECT, PacketType.CONNACK),
  TOPIC_ALIAS_MAXIMUM(0x22, "Topic Alias Maximum", Type.TWO_BYTE_INT, false,
      PacketType.CONNECT, PacketType.CONNACK),
  TOPIC_ALIAS(0x23, "Topic Alias", Type.TWO_BYTE_INT, false, PacketType.PUBLISH),
  MAXIMUM_QOS(0x24, "Maximum QoS", Type.BYTE, false, PacketType.CONNACK),
  RETAIN_AVAILABLE(0x25, "Retain Available", Type.BYTE, false, PacketType.CONNACK),
  USER_PROPERTY(0x26, "User Property", Type.UTF8_PAIR, true,
      PacketType.CONNECT, PacketType.CONNACK, PacketType.PUBLISH, PacketType.PUBACK,
      PacketType.PUBREC, PacketType.PUBREL, PacketType.PUBCOMP, PacketType.SUBSCRIBE,
      PacketType.SUBACK, PacketType.UNSUBSCRIBE, PacketType.UNSUBACK, PacketType.DISCONNECT,
      PacketType.AUTH),
  MAXIMUM_PACKET_SIZE(0x27, "Maximum Packet Size", Type.FOUR_BYTE_INT, false,
      PacketType.CONNECT, PacketType.CONNACK),
  WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, "Wildcard Subscription Available", Type.BYTE, false,
      PacketType.CONNACK),
  SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, "Subscription Identifier Available", Type.BYTE, false,
      PacketType.CONNACK),
  SHARED_SUBSCRIPTION_AVAILABLE(0x2A, "Shared Subscription Available", Type.BYTE, false,
      PacketType.CONNACK);

  /** The wire types of spec 1.5. */
  public enum Type {
    BYTE, TWO_BYTE_INT, FOUR_BYTE_INT, VARIABLE_BYTE_INT, UTF8_STRING, BINARY, UTF8_PAIR
  }

  /** Identifiers run 0x01..0x2A: a table beats a switch for the decoder's lookup. */
  private static final Property[] BY_ID = new Property[0x2B];

  static {
    for (Property p : values()) BY_ID[p.id] = p;
  }

  private final int id;
  private final String specName;
  private final Type type;
  private final boolean inWill;
  /** Bit n set: allowed in packet type n. */
  private final int packets;

  Property(int id, String specName, Type type, boolean inWill, int... packetTypes) {
    this.id = id;
    this.specName = specName;
    this.type = type;
    this.inWill = inWill;
    int bits = 0;
    for (int t : packetTypes) bits |= 1 << t;
    this.packets = bits;
  }

  /** The property identifier, 0x01..0x2A. */
  public int id() {
    return id;
  }

  /** The spec's name, such as "Message Expiry Interval". */
  public String specName() {
    return specName;
  }

  public Type type() {
    return type;
  }

  /** Whether a packet of {@code packetType} (a {@link PacketType} constant) may carry it. */
  public boolean allowedIn(int packetType) {
    return packetType >= 0 && packetType < 16 && (packets & 1 << packetType) != 0;
  }

  /** Whether the Will Properties of CONNECT may carry it. */
  public boolean allowedInWill() {
    return inWill;
  }

  /** Whether it may appear twice in one list: User Property; Subscription Identifier in PUBLISH. */
  boolean repeatable(int packetType) {
    return this == USER_PROPERTY
        || (this == SUBSCRIPTION_IDENTIFIER && packetType == PacketType.PUBLISH);
  }

  /** The property with identifier {@code id}, or null when there is none. */
  public static Property byId(int id) {
    return id > 0 && id < BY_ID.length ? BY_ID[id] : null;
  }

  /** "Topic Alias (0x23)", the way errors name a property. */
  String label() {
    return specName + " (" + Bytes.hex(id) + ")";
  }

  /**
   * Why {@code value} is not a valid value of this numeric property, or null when it is: the
   * type's range, then the rules the spec makes wherever the property appears.
   */
  String numericProblem(long value) {
    long max;
    switch (type) {
      case BYTE: max = 0xFF; break;
      case TWO_BYTE_INT: max = 0xFFFF; break;
      case FOUR_BYTE_INT: max = 0xFFFF_FFFFL; break;
      case VARIABLE_BYTE_INT: max = PacketType.MAX_REMAINING_LENGTH; break;
      default: return "is a " + type + " property, not a number";
    }
    if (value < 0 || value > max) return "must be 0.." + max;
    switch (this) {
      case PAYLOAD_FORMAT_INDICATOR:
      case MAXIMUM_QOS:
      case RETAIN_AVAILABLE:
      case WILDCARD_SUBSCRIPTION_AVAILABLE:
      case SUBSCRIPTION_IDENTIFIER_AVAILABLE:
      case SHARED_SUBSCRIPTION_AVAILABLE:
      case REQUEST_PROBLEM_INFORMATION:
      case REQUEST_RESPONSE_INFORMATION:
        return value > 1 ? "must be 0 or 1" : null;
      case RECEIVE_MAXIMUM:
      case MAXIMUM_PACKET_SIZE:
      case TOPIC_ALIAS:
      case SUBSCRIPTION_IDENTIFIER:
        return value == 0 ? "must not be 0" : null;
      default:
        return null;
    }
  }
}
