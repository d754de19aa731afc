package dev.wren.mqtt.internal.codec;

/**
 * A packet whose variable header is a packet identifier and, under MQTT 5.0, a reason code and
 * properties: PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK (whose 5.0 reason codes are a list in
 * its payload: see {@link UnsubAck#reasonCodes()}). Immutable and thread-safe; equal when type,
 * identifier, reason code and properties are.
 */
public abstract class IdOnlyPacket extends Packet {
  private final int type;
  private final int packetId;
  private final int reasonCode;
  private final Mqtt5Properties properties;

  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  IdOnlyPacket(int type, int packetId) {
    this(type, packetId, ReasonCode.SUCCESS, Mqtt5Properties.EMPTY);
  }

  /** @throws IllegalArgumentException if the id is not 1..65535 or the code not valid for type */
  IdOnlyPacket(int type, int packetId, int reasonCode, Mqtt5Properties properties) {
    if (properties == null) throw new NullPointerException("properties == null");
    this.type = type;
    this.packetId = PacketType.checkPacketId(PacketType.name(type), packetId);
    if (type != PacketType.UNSUBACK && !ReasonCode.validFor(type, reasonCode)) {
      throw new IllegalArgumentException(PacketType.name(type) + " reason code not valid for the"
          + " packet: " + Bytes.hex(reasonCode));
    }
    this.reasonCode = reasonCode;
    this.properties = properties;
  }

  /**
   * The packet of {@code type} (PUBACK, PUBREC, PUBREL, PUBCOMP or UNSUBACK) with {@code packetId},
   * reason code 0 and no properties.
   *
   * @throws IllegalArgumentException for another type or an identifier not 1..65535
   */
  public static IdOnlyPacket of(int type, int packetId) {
    switch (type) {
      case PacketType.PUBACK: return new PubAck(packetId);
      case PacketType.PUBREC: return new PubRec(packetId);
      case PacketType.PUBREL: return new PubRel(packetId);
      case PacketType.PUBCOMP: return new PubComp(packetId);
      case PacketType.UNSUBACK: return new UnsubAck(packetId);
      default: throw new IllegalArgumentException("not a packet of only an identifier: type " + type);
    }
  }

  /** As {@link #of(int, int)} for PUBACK, PUBREC, PUBREL or PUBCOMP with a 5.0 reason code. */
  public static IdOnlyPacket of(int type, int packetId, int reasonCode,
      Mqtt5Properties properties) {
    switch (type) {
      case PacketType.PUBACK: return new PubAck(packetId, reasonCode, properties);
      case PacketType.PUBREC: return new PubRec(packetId, reasonCode, properties);
      case PacketType.PUBREL: return new PubRel(packetId, reasonCode, properties);
      case PacketType.PUBCOMP: return new PubComp(packetId, reasonCode, properties);
      default: throw new IllegalArgumentException("not a publish acknowledgement: type " + type);
    }
  }

  @Override public final int type() {
    return type;
  }

  public final int packetId() {
    return packetId;
  }

  /** The 5.0 reason code, 0 (Success) under 3.1.1; always 0 for UNSUBACK. */
  public final int reasonCode() {
    return reasonCode;
  }

  /** EMPTY under 3.1.1. */
  public final Mqtt5Properties properties() {
    return properties;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof IdOnlyPacket)) return false;
    IdOnlyPacket that = (IdOnlyPacket) other;
    return that.type == type && that.packetId == packetId && that.reasonCode == reasonCode
        && that.properties.equals(properties);
  }

  @Override public int hashCode() {
    return ((type * 31 + packetId) * 31 + reasonCode) * 31 + properties.hashCode();
  }

  @Override public String toString() {
    return getClass().getSimpleName() + "{packetId=" + packetId
        + (reasonCode != 0 ? ", reasonCode=" + ReasonCode.describe(type, reasonCode) : "")
        + (properties.isEmpty() ? "" : ", " + properties) + "}";
  }
}
