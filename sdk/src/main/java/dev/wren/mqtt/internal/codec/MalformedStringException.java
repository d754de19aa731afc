package dev.wren.mqtt.internal.codec;

/**
 * A string that breaks the MQTT UTF-8 string rules: ill-formed UTF-8, an unpaired surrogate,
 * U+0000, or more than 65,535 encoded bytes.
 */
public final class MalformedStringException extends MalformedPacketException {
  private static final long serialVersionUID = 1L;

  public MalformedStringException(String message) {
    super(message);
  }

  public MalformedStringException(String message, Throwable cause) {
    super(message, cause);
  }
}
