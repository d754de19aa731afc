package dev.wren.mqtt.internal.codec;

/** PUBREC: QoS 2, step 2: the PUBLISH was received. Immutable and thread-safe. */
public final class PubRec extends IdOnlyPacket {
  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public PubRec(int packetId) {
    super(PacketType.PUBREC, packetId);
  }

  /**
   * A 5.0 PUBREC.
   *
   * @throws IllegalArgumentException if the id is not 1..65535 or the code not valid for PUBREC
   */
  public PubRec(int packetId, int reasonCode, Mqtt5Properties properties) {
    super(PacketType.PUBREC, packetId, reasonCode, properties);
  }
}
