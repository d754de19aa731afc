package dev.wren.mqtt.internal.codec;

/**
 * PUBCOMP: Last step of the QoS 2 flow ("publish complete"), answering a PUBREL. Holds only the
 * packet identifier; immutable and thread-safe.
 */
public final class PubComp extends Packet {
  private final int packetId;

  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public PubComp(int packetId) {
    this.packetId = PacketType.checkPacketId("PUBCOMP", packetId);
  }

  @Override public int type() {
    return PacketType.PUBCOMP;
  }

  public int packetId() {
    return packetId;
  }

  @Override public boolean equals(Object other) {
    return other instanceof PubComp && ((PubComp) other).packetId == packetId;
  }

  @Override public int hashCode() {
    return PacketType.PUBCOMP * 31 + packetId;
  }

  @Override public String toString() {
    return "PubComp{packetId=" + packetId + "}";
  }
}
