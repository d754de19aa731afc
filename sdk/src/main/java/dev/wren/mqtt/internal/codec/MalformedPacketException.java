package dev.wren.mqtt.internal.codec;

/**
 * Bytes from the peer that are not a valid MQTT packet. The connection that produced them must be
 * closed: MQTT has no way to resynchronise a byte stream after a framing error.
 */
public class MalformedPacketException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedPacketException(String message) {
    super(message);
  }

  public MalformedPacketException(String message, Throwable cause) {
    super(message, cause);
  }
}
