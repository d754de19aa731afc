package dev.wren.mqtt.internal.codec;

/**
 * An MQTT control packet as a value. Subclasses are immutable and thread-safe (except where a
 * subclass documents that it shares a caller's array), and are version-neutral: MQTT 5.0 will add
 * fields rather than new types.
 */
public abstract class Packet {
  Packet() {}

  /** One of the {@link PacketType} constants. */
  public abstract int type();
}
