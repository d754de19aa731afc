package dev.wren.mqtt.internal.codec;

/** Bytes to {@link Packet} values for MQTT 5.0. Milestone 1: the signature only. */
public final class Mqtt5Decoder {
  private Mqtt5Decoder() {}

  public static Packet decode(int typeAndFlags, byte[] body, int offset, int length,
      String recentTopic) throws MalformedPacketException {
    throw new MalformedPacketException("MQTT 5.0 decoding is not implemented yet: "
        + PacketType.name(typeAndFlags >> 4));
  }
}
