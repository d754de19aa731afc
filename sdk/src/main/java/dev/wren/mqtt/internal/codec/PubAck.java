package dev.wren.mqtt.internal.codec;

/** PUBACK: Acknowledges a QoS 1 PUBLISH. Immutable and thread-safe. */
public final class PubAck extends IdOnlyPacket {
  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public PubAck(int packetId) {
    super(PacketType.PUBACK, packetId);
  }

  /**
   * A 5.0 PUBACK.
   *
   * @throws IllegalArgumentException if the id is not 1..65535 or the code not valid for PUBACK
   */
  public PubAck(int packetId, int reasonCode, Mqtt5Properties properties) {
    super(PacketType.PUBACK, packetId, reasonCode, properties);
  }
}
