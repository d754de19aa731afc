package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.internal.codec.Bytes;
import dev.wren.mqtt.internal.codec.MalformedPacketException;
import dev.wren.mqtt.internal.codec.PacketType;

/**
 * A connection's first byte is not of the packet that must come first (CONNACK): typically not an
 * MQTT broker at all, such as an HTTP server. Holds the first bytes, which tell what it is.
 */
final class UnexpectedFirstPacketException extends MalformedPacketException {
  private static final long serialVersionUID = 1L;

  UnexpectedFirstPacketException(int expectedType, byte[] leading) {
    super("expected " + PacketType.name(expectedType) + " but the first bytes are "
        + Bytes.hex(leading, 0, leading.length) + " (\"" + Bytes.ascii(leading, 0, leading.length)
        + "\")");
  }
}
