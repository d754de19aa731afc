package dev.wren.mqtt;

import dev.wren.mqtt.internal.codec.ReasonCode;

/**
 * An MQTT 5 broker refused a QoS 1/2 message: its PUBACK or PUBREC carried a reason code of 0x80
 * or more (not authorized, quota exceeded, payload format invalid, ...). The broker has decided,
 * so the message has left the outbound queue and is not sent again; the {@link Delivery} fails
 * with this exception. Also thrown by {@code publish}, or the delivery failed with it, when the
 * broker announced in CONNACK that it would refuse the message ({@link #beforeSending}).
 */
public final class PublishFailedException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final int reasonCode;
  private final String reasonString;

  /**
   * @param packet "PUBACK" or "PUBREC"
   * @param reasonString null when none came
   */
  public PublishFailedException(String topic, String packet, int reasonCode,
      String reasonString) {
    this("broker refused the message on '" + topic + "': " + packet + " reason code "
        + String.format("0x%02X", reasonCode) + " " + ReasonCode.name(reasonCode)
        + (reasonString != null ? ": \"" + reasonString + "\"" : ""), reasonCode, reasonString);
  }

  private PublishFailedException(String message, int reasonCode, String reasonString) {
    super(message);
    this.reasonCode = reasonCode;
    this.reasonString = reasonString;
  }

  /**
   * The client did not send the message because the broker announced in CONNACK that it would
   * refuse it: {@code reasonCode} is the code it would have answered (0x9B QoS not supported,
   * 0x9A retain not supported, 0x95 packet too large), {@code why} the announced limit.
   */
  public static PublishFailedException beforeSending(String topic, int reasonCode, String why) {
    return new PublishFailedException("message on '" + topic + "' not sent: " + why
        + " (the broker would answer " + String.format("0x%02X", reasonCode) + " "
        + ReasonCode.name(reasonCode) + ")", reasonCode, null);
  }

  /** The reason code, 0x80 or more. */
  public int reasonCode() {
    return reasonCode;
  }

  /** The broker's Reason String, or null. */
  public String reasonString() {
    return reasonString;
  }
}
