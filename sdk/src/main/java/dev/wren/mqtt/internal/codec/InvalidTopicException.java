package dev.wren.mqtt.internal.codec;

/** A topic name or topic filter that breaks the MQTT topic rules. The message quotes the topic. */
public final class InvalidTopicException extends MalformedPacketException {
  private static final long serialVersionUID = 1L;

  public InvalidTopicException(String message) {
    super(message);
  }

  public InvalidTopicException(String message, Throwable cause) {
    super(message, cause);
  }
}
