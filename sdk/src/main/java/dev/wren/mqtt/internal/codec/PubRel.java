package dev.wren.mqtt.internal.codec;

/**
 * PUBREL: Second step of the QoS 2 flow ("publish release"), answering a PUBREC. Holds only the
 * packet identifier; immutable and thread-safe.
 */
public final class PubRel extends Packet {
  private final int packetId;

  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public PubRel(int packetId) {
    this.packetId = PacketType.checkPacketId("PUBREL", packetId);
  }

  @Override public int type() {
    return PacketType.PUBREL;
  }

  public int packetId() {
    return packetId;
  }

  @Override public boolean equals(Object other) {
    return other instanceof PubRel && ((PubRel) other).packetId == packetId;
  }

  @Override public int hashCode() {
    return PacketType.PUBREL * 31 + packetId;
  }

  @Override public String toString() {
    return "PubRel{packetId=" + packetId + "}";
  }
}
