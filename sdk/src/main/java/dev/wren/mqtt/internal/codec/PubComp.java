package dev.wren.mqtt.internal.codec;

/** PUBCOMP: QoS 2, step 4: the exchange is complete. Immutable and thread-safe. */
public final class PubComp extends IdOnlyPacket {
  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public PubComp(int packetId) {
    super(PacketType.PUBCOMP, packetId);
  }

  /**
   * A 5.0 PUBCOMP.
   *
   * @throws IllegalArgumentException if the id is not 1..65535 or the code not valid for PUBCOMP
   */
  public PubComp(int packetId, int reasonCode, Mqtt5Properties properties) {
    super(PacketType.PUBCOMP, packetId, reasonCode, properties);
  }
}
