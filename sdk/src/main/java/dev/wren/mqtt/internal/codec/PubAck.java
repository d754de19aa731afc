package dev.wren.mqtt.internal.codec;

/**
 * PUBACK: Acknowledges a QoS 1 PUBLISH. Holds only the packet identifier; immutable and
 * thread-safe.
 */
public final class PubAck extends Packet {
  private final int packetId;

  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public PubAck(int packetId) {
    this.packetId = PacketType.checkPacketId("PUBACK", packetId);
  }

  @Override public int type() {
    return PacketType.PUBACK;
  }

  public int packetId() {
    return packetId;
  }

  @Override public boolean equals(Object other) {
    return other instanceof PubAck && ((PubAck) other).packetId == packetId;
  }

  @Override public int hashCode() {
    return PacketType.PUBACK * 31 + packetId;
  }

  @Override public String toString() {
    return "PubAck{packetId=" + packetId + "}";
  }
}
