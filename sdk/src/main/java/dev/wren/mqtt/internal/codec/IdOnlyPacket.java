package dev.wren.mqtt.internal.codec;

/**
 * A packet whose variable header is only a packet identifier: PUBACK, PUBREC, PUBREL, PUBCOMP and
 * UNSUBACK. Immutable and thread-safe; equal when type and identifier are.
 */
public abstract class IdOnlyPacket extends Packet {
  private final int type;
  private final int packetId;

  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  IdOnlyPacket(int type, int packetId) {
    this.type = type;
    this.packetId = PacketType.checkPacketId(PacketType.name(type), packetId);
  }

  /**
   * The packet of {@code type} (PUBACK, PUBREC, PUBREL, PUBCOMP or UNSUBACK) with {@code packetId}.
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

  @Override public final int type() {
    return type;
  }

  public final int packetId() {
    return packetId;
  }

  @Override public final boolean equals(Object other) {
    return other instanceof IdOnlyPacket
        && ((IdOnlyPacket) other).type == type
        && ((IdOnlyPacket) other).packetId == packetId;
  }

  @Override public final int hashCode() {
    return type * 31 + packetId;
  }

  @Override public final String toString() {
    return getClass().getSimpleName() + "{packetId=" + packetId + "}";
  }
}
