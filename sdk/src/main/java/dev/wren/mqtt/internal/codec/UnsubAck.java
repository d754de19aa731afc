package dev.wren.mqtt.internal.codec;

/** UNSUBACK: Acknowledges an UNSUBSCRIBE. Immutable and thread-safe. */
public final class UnsubAck extends IdOnlyPacket {
  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public UnsubAck(int packetId) {
    super(PacketType.UNSUBACK, packetId);
  }
}
