package dev.wren.mqtt.internal.codec;

/** PUBACK: Acknowledges a QoS 1 PUBLISH. Immutable and thread-safe. */
public final class PubAck extends IdOnlyPacket {
  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public PubAck(int packetId) {
    super(PacketType.PUBACK, packetId);
  }
}
