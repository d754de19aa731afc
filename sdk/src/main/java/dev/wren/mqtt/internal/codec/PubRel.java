package dev.wren.mqtt.internal.codec;

/** PUBREL: QoS 2, step 3: the sender releases the packet identifier. Immutable and thread-safe. */
public final class PubRel extends IdOnlyPacket {
  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public PubRel(int packetId) {
    super(PacketType.PUBREL, packetId);
  }

  /**
   * A 5.0 PUBREL.
   *
   * @throws IllegalArgumentException if the id is not 1..65535 or the code not valid for PUBREL
   */
  public PubRel(int packetId, int reasonCode, Mqtt5Properties properties) {
    super(PacketType.PUBREL, packetId, reasonCode, properties);
  }
}
