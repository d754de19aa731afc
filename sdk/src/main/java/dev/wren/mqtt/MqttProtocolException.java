package dev.wren.mqtt;

/**
 * The broker sent bytes that break the MQTT protocol, or a packet larger than the configured
 * maximum; the connection is closed. Under MQTT 5 the client first tells the broker why, with a
 * DISCONNECT carrying {@link #reasonCode()}.
 */
public class MqttProtocolException extends MqttException {
  private static final long serialVersionUID = 1L;

  /** 0x82, Protocol Error: the code when no more specific one applies. */
  static final int PROTOCOL_ERROR = 0x82;

  private final int reasonCode;

  public MqttProtocolException(String message, Throwable cause) {
    this(message, cause, PROTOCOL_ERROR);
  }

  /**
   * @param reasonCode the MQTT 5 DISCONNECT reason code that names the violation (0x81
   *     malformed packet, 0x82 protocol error, 0x93 receive maximum exceeded, 0x94 topic alias
   *     invalid, 0x95 packet too large, ...)
   */
  public MqttProtocolException(String message, Throwable cause, int reasonCode) {
    super(message, cause);
    this.reasonCode = reasonCode;
  }

  /** The MQTT 5 reason code for this violation (sent in DISCONNECT under MQTT 5 only). */
  public int reasonCode() {
    return reasonCode;
  }
}
