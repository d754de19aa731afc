package dev.wren.mqtt;

import dev.wren.mqtt.internal.codec.ReasonCode;

/**
 * An MQTT 5 broker refused a QoS 1/2 message: its PUBACK or PUBREC carried a reason code of 0x80
 * or more (not authorized, quota exceeded, payload format invalid, ...). The broker has decided,
 * so the message has left the outbound queue and is not sent again; the {@link Delivery} fails
 * with this exception.
 */
public final class PublishFailedException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final int reasonCode;
  private final String reasonString;

  /** @param packet "PUBACK", "PUBREC" or "PUBCOMP"; @param reasonString null when none came */
  public PublishFailedException(String topic, String packet, int reasonCode,
      String reasonString) {
    super("broker refused the message on '" + topic + "': " + packet + " reason code "
        + String.format("0x%02X", reasonCode) + " " + ReasonCode.name(reasonCode)
        + (reasonString != null ? ": \"" + reasonString + "\"" : ""));
    this.reasonCode = reasonCode;
    this.reasonString = reasonString;
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
