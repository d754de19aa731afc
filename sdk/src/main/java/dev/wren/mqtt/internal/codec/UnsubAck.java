package dev.wren.mqtt.internal.codec;

/**
 * UNSUBACK: Acknowledges an UNSUBSCRIBE. Holds only the packet identifier; immutable and
 * thread-safe.
 */
public final class UnsubAck extends Packet {
  private final int packetId;

  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public UnsubAck(int packetId) {
    this.packetId = PacketType.checkPacketId("UNSUBACK", packetId);
  }

  @Override public int type() {
    return PacketType.UNSUBACK;
  }

  public int packetId() {
    return packetId;
  }

  @Override public boolean equals(Object other) {
    return other instanceof UnsubAck && ((UnsubAck) other).packetId == packetId;
  }

  @Override public int hashCode() {
    return PacketType.UNSUBACK * 31 + packetId;
  }

  @Override public String toString() {
    return "UnsubAck{packetId=" + packetId + "}";
  }
}
