package dev.wren.mqtt.internal.codec;

/** The fixed header's variable-length "remaining length" field is longer than 4 bytes. */
public final class MalformedRemainingLengthException extends MalformedPacketException {
  private static final long serialVersionUID = 1L;

  public MalformedRemainingLengthException(String message) {
    super(message);
  }
}
