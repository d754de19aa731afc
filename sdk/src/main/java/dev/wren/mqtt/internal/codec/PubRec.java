package dev.wren.mqtt.internal.codec;

/**
 * PUBREC: First acknowledgement of a QoS 2 PUBLISH ("publish received"). Holds only the packet
 * identifier; immutable and thread-safe.
 */
public final class PubRec extends Packet {
  private final int packetId;

  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public PubRec(int packetId) {
    this.packetId = PacketType.checkPacketId("PUBREC", packetId);
  }

  @Override public int type() {
    return PacketType.PUBREC;
  }

  public int packetId() {
    return packetId;
  }

  @Override public boolean equals(Object other) {
    return other instanceof PubRec && ((PubRec) other).packetId == packetId;
  }

  @Override public int hashCode() {
    return PacketType.PUBREC * 31 + packetId;
  }

  @Override public String toString() {
    return "PubRec{packetId=" + packetId + "}";
  }
}
